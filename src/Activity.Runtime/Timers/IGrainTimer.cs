namespace Activity.Runtime.Timers;

/// <summary>A timer of one activation; dispose it to stop it. It stops by itself when the activation goes.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Moves the next tick to <paramref name="dueTime"/> from now and sets the period after it.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
