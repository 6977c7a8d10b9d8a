using Activity.Runtime.Grains;
using Activity.Runtime.State;
using Activity.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace Activity.Runtime.Catalog;

internal sealed partial class Activation
{
    /// <summary>Builds the grain, reads its state and runs <c>OnActivateAsync</c>; calls wait in the queue meanwhile.</summary>
    public void Start()
    {
        if (SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default)
        {
            _ = ActivateAsync();
        }
        else
        {
            _ = Task.Run(ActivateAsync);
        }
    }

    /// <summary>Asks the activation to deactivate after the current turn; the task completes once it is gone.</summary>
    public Task RequestDeactivation(DeactivationReason reason)
    {
        bool schedule;
        TaskCompletionSource deactivated;
        lock (this)
        {
            if (_state == ActivationState.Deactivated)
            {
                return Task.CompletedTask;
            }

            _deactivation ??= reason;
            deactivated = _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            schedule = !_running && _state == ActivationState.Active;
            _running = true;
        }

        if (schedule)
        {
            // The pump sees the request and starts the deactivation.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return deactivated.Task;
    }

    /// <summary>Deactivates the activation when it has had no call for <paramref name="age"/>; true when it started.</summary>
    public bool TryCollectIdle(long now, TimeSpan age)
    {
        lock (this)
        {
            if (_running || _state != ActivationState.Active
                || _catalog.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastActive), now) < age)
            {
                return false;
            }

            _deactivation ??= DeactivationReason.Idle;
            _state = ActivationState.Deactivating;
            _running = true;
        }

        StartDeactivation();
        return true;
    }

    /// <summary>Registers state created for the grain's constructor, so activation reads it before <c>OnActivateAsync</c>.</summary>
    public TState AddState<TState>(TState state)
        where TState : IPersistentStateLoader
    {
        (_states ??= []).Add(state);
        return state;
    }

    public GrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        if (_state is ActivationState.Deactivating or ActivationState.Deactivated)
        {
            throw new InvalidOperationException($"Grain {Id} is deactivating; it cannot start timers.");
        }

        var timer = new GrainTimer(this, callback, dueTime, period);
        (_timers ??= []).Add(timer);
        return timer;
    }

    public void RemoveTimer(GrainTimer timer) => _timers?.Remove(timer);

    private async Task ActivateAsync()
    {
        try
        {
            _grain = Class.Create(this, _catalog.Services);
            if (_states is not null)
            {
                foreach (var state in _states)
                {
                    await state.ReadStateAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            await _grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogActivationFailed(_catalog.Logger, exception, Id);
            DisposeTimers();
            foreach (var item in Retire())
            {
                item.Fail(exception);
            }

            return;
        }

        lock (this)
        {
            _state = ActivationState.Active;
        }

        Volatile.Write(ref _lastActive, _catalog.TimeProvider.GetTimestamp());
        Pump();
    }

    private void StartDeactivation() => _ = Task.Run(DeactivateAsync);

    private async Task DeactivateAsync()
    {
        var reason = _deactivation!.Value;
        DisposeTimers();
        try
        {
            var timeout = _catalog.Options.DeactivationTimeout;
            using var cancellation = new CancellationTokenSource(timeout, _catalog.TimeProvider);
            await Grain.OnDeactivateAsync(reason, cancellation.Token).WaitAsync(timeout, _catalog.TimeProvider).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Deactivation goes on: the activation must leave the catalog whatever its hook did.
            LogDeactivationFailed(_catalog.Logger, exception, Id, reason.Code);
        }

        foreach (var item in Retire())
        {
            if (item.Forwardable)
            {
                _catalog.Forward(Id, Class, item);
            }
        }
    }

    /// <summary>Leaves the catalog for good and returns the turns that were still waiting.</summary>
    private Queue<WorkItem> Retire()
    {
        _catalog.Remove(this);
        Queue<WorkItem>? pending;
        TaskCompletionSource? deactivated;
        lock (this)
        {
            _state = ActivationState.Deactivated;
            pending = _queue;
            _queue = null;
            deactivated = _deactivated;
        }

        deactivated?.TrySetResult();
        return pending ?? [];
    }

    private void DisposeTimers()
    {
        if (_timers is null)
        {
            return;
        }

        foreach (var timer in _timers.ToArray())
        {
            timer.Dispose();
        }

        _timers = null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Activation of grain {GrainId} failed; its waiting calls fail with the same error")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Error, Message = "OnDeactivateAsync of grain {GrainId} failed or timed out (reason {Reason}); the activation is removed anyway")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReasonCode reason);
}
