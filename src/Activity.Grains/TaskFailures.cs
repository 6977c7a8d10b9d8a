namespace Activity.Grains;

/// <summary>
/// Calls nobody awaits: the caller does not wait, but a failure must still be seen, not dropped as an
/// unobserved task exception.
/// </summary>
public static class TaskFailures
{
    /// <summary>Runs <paramref name="onFailure"/> with the exception if <paramref name="call"/> fails; otherwise nothing.</summary>
    public static void OnFailure(this Task call, Action<Exception> onFailure) => call.ContinueWith(
        static (task, state) => ((Action<Exception>)state!)(task.Exception!.InnerException!),
        onFailure,
        CancellationToken.None,
        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);
}
