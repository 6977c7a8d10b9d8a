namespace Activity.Runtime.Hosting;

/// <summary>
/// Work that must finish before the silo takes calls (applying database migrations, for one). Tasks
/// run in registration order; a failure stops the silo from starting.
/// </summary>
public interface ISiloStartupTask
{
    /// <summary>Runs the task.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
