using Activity.Runtime.Calls;
using Activity.Runtime.Grains;
using Activity.Runtime.State;
using Activity.Runtime.Timers;

namespace Activity.Runtime.Catalog;

/// <summary>The lifecycle of one activation.</summary>
internal enum ActivationState
{
    Activating,
    Active,
    Deactivating,
    Deactivated,
}

/// <summary>
/// One live instance of a grain and its mailbox. Turns run one at a time, in arrival order; a turn
/// that awaits keeps the mailbox until its task completes, so grain code is never re-entered.
/// </summary>
/// <remarks>
/// <para>
/// The invariant everything hangs on: <c>_running</c> is true while exactly one party owns the
/// mailbox (the activation process, a turn, the pump, or the deactivation), and false only when the
/// activation is <see cref="ActivationState.Active"/> with an empty queue. Whoever sets it to true
/// runs or schedules the work; every state change happens under <c>lock (this)</c>.
/// </para>
/// <para>
/// A call that finds the grain idle runs inline on the caller's thread (no queue, no thread hop);
/// this is what makes a local grain call cost about as much as a virtual call plus a lock. Calls
/// from a thread with a synchronization context go through the queue instead, so grain code never
/// runs on, or posts back to, a UI or test-framework context.
/// </para>
/// <para>The class locks on itself rather than on a separate object to keep an idle activation small; it is internal, so no one else can take that lock.</para>
/// </remarks>
internal sealed partial class Activation : IThreadPoolWorkItem
{
    // Turns run back to back on one thread before the pump yields it to other work.
    private const int TurnsPerSlice = 64;

    private readonly ActivationCatalog _catalog;
    private Grain? _grain;
    private Queue<WorkItem>? _queue;
    private volatile ActivationState _state = ActivationState.Activating;
    private bool _running = true; // the activation process owns the mailbox until it ends
    private long _lastActive;
    private DeactivationReason? _deactivation;
    private TaskCompletionSource? _deactivated;
    private Task? _pendingTurn;
    private WorkItem? _pendingItem;
    private Action? _resumeAfterTurn;
    private List<IPersistentStateLoader>? _states;
    private List<GrainTimer>? _timers;

    public Activation(ActivationCatalog catalog, GrainId id, GrainClass grainClass)
    {
        _catalog = catalog;
        Id = id;
        Class = grainClass;
        _lastActive = catalog.TimeProvider.GetTimestamp();
    }

    public GrainId Id { get; }

    public GrainClass Class { get; }

    public ActivationCatalog Catalog => _catalog;

    /// <summary>The grain object; set once activation has constructed it.</summary>
    public Grain Grain => _grain ?? throw new InvalidOperationException($"Grain {Id} has not been constructed yet.");

    /// <summary>True once the activation is gone for good; references must look the grain up again.</summary>
    public bool IsDeactivated => _state == ActivationState.Deactivated;

    /// <summary>A call from a grain reference: inline when the grain is idle, otherwise queued.</summary>
    public Task Call(GrainMethod method, object?[] args)
    {
        if (TryEnterInline())
        {
            return RunInline(method, args);
        }

        var call = method.CreateQueuedCall(args);
        Enqueue(call);
        return method.WithTimeout(call.Task, Id, _catalog.Options.CallTimeout, _catalog.TimeProvider);
    }

    /// <summary>
    /// Adds a turn (a timer tick, a forwarded call) to the mailbox, or runs it inline when the grain
    /// is idle. A deactivated activation hands it to the grain's next activation.
    /// </summary>
    public void Enqueue(WorkItem item)
    {
        if (TryEnterInline())
        {
            RunTurn(item);
            return;
        }

        bool schedule = false, forward = false;
        lock (this)
        {
            if (_state == ActivationState.Deactivated)
            {
                forward = true;
            }
            else
            {
                (_queue ??= new Queue<WorkItem>()).Enqueue(item);
                schedule = !_running;
                _running = true;
            }
        }

        if (forward)
        {
            if (item.Forwardable)
            {
                _catalog.Forward(Id, Class, item);
            }
        }
        else if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Takes the mailbox for a turn on the calling thread when the grain is idle and the thread has
    // no synchronization context (grain code must not run on, or post back to, someone else's).
    private bool TryEnterInline()
    {
        if (SynchronizationContext.Current is not null || TaskScheduler.Current != TaskScheduler.Default)
        {
            return false;
        }

        lock (this)
        {
            if (_running || _state != ActivationState.Active)
            {
                return false;
            }

            _running = true;
            return true;
        }
    }

    void IThreadPoolWorkItem.Execute() => Pump();

    private Task RunInline(GrainMethod method, object?[] args)
    {
        var turn = method.Invoke(_grain!, args);
        if (turn.IsCompleted)
        {
            EndTurn(turn, item: null);
            Pump();
            return turn;
        }

        AwaitTurn(turn, item: null);
        return method.WithTimeout(turn, Id, _catalog.Options.CallTimeout, _catalog.TimeProvider);
    }

    /// <summary>
    /// Runs queued turns while the caller owns the mailbox. Returns when the queue is empty (and
    /// releases the mailbox), when a turn goes asynchronous (its completion resumes the pump), when
    /// the slice is used up (the pump continues on the thread pool), or when deactivation starts.
    /// </summary>
    private void Pump()
    {
        for (var turns = 0; ; turns++)
        {
            WorkItem? item = null;
            bool deactivate = false, yield = false;
            lock (this)
            {
                var hasWork = _queue is { Count: > 0 };
                if (_deactivation is { } reason && _state == ActivationState.Active
                    && !(hasWork && reason.Code == DeactivationReasonCode.ShuttingDown))
                {
                    // A graceful shutdown lets calls that were already queued finish; any other reason
                    // hands them to the grain's next activation once this one is gone.
                    _state = ActivationState.Deactivating;
                    deactivate = true;
                }
                else if (!hasWork)
                {
                    _running = false;
                    return;
                }
                else if (turns == TurnsPerSlice)
                {
                    yield = true;
                }
                else
                {
                    item = _queue!.Dequeue();
                }
            }

            if (deactivate)
            {
                StartDeactivation();
                return;
            }

            if (yield)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }

            var turn = item!.Run(this);
            if (!turn.IsCompleted)
            {
                AwaitTurn(turn, item);
                return;
            }

            EndTurn(turn, item);
        }
    }

    private void RunTurn(WorkItem item)
    {
        var turn = item.Run(this);
        if (!turn.IsCompleted)
        {
            AwaitTurn(turn, item);
            return;
        }

        EndTurn(turn, item);
        Pump();
    }

    private void AwaitTurn(Task turn, WorkItem? item)
    {
        _pendingTurn = turn;
        _pendingItem = item;
        turn.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_resumeAfterTurn ??= ResumeAfterTurn);
    }

    private void ResumeAfterTurn()
    {
        var turn = _pendingTurn!;
        var item = _pendingItem;
        _pendingTurn = null;
        _pendingItem = null;
        EndTurn(turn, item);
        Pump();
    }

    private void EndTurn(Task turn, WorkItem? item)
    {
        item?.OnTurnEnded(turn);
        if (turn.IsFaulted && turn.Exception!.InnerExceptions.Any(e => e is InconsistentStateException))
        {
            // The state this activation holds is older than what storage has: drop the activation so
            // the next call reads the state again. The caller still gets the exception.
            RequestDeactivation(DeactivationReason.Inconsistent);
        }

        if (item is null || item.KeepsAlive)
        {
            Volatile.Write(ref _lastActive, _catalog.TimeProvider.GetTimestamp());
        }
    }
}
