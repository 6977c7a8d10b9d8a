using Activity.Runtime.Calls;

namespace Activity.Runtime.Catalog;

/// <summary>A grain call that found its activation busy and waits its turn in the mailbox.</summary>
internal abstract class QueuedCall(GrainMethod method, object?[] args) : WorkItem
{
    /// <summary>The caller's task: completes with the turn's outcome.</summary>
    public abstract Task Task { get; }

    public override Task Run(Activation activation) => method.Invoke(activation.Grain, args);
}

/// <summary>A queued call whose caller awaits a <typeparamref name="TResult"/> (object for plain <c>Task</c> methods).</summary>
internal sealed class QueuedCall<TResult>(GrainMethod method, object?[] args) : QueuedCall(method, args)
{
    // Callers' continuations must not run on the thread that drives the grain's mailbox.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task Task => _completion.Task;

    public override void OnTurnEnded(Task turn)
    {
        if (turn.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(turn is Task<TResult> typed ? typed.Result : default!);
        }
        else if (turn.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetException(turn.Exception!.InnerExceptions);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
