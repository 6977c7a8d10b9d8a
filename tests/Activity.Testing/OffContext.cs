namespace Activity.Testing;

/// <summary>
/// Starts a call on a thread-pool thread, outside the test framework's synchronization context, and
/// hands back the call's own task without awaiting it (Task.Run would unwrap it).
/// </summary>
public static class OffContext
{
    /// <summary>Runs <paramref name="call"/> on the thread pool; the result is the task the call returned.</summary>
    public static Task<Task> Start(Func<Task> call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
