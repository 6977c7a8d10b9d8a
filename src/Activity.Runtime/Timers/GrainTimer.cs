using Activity.Runtime.Catalog;
using Activity.Runtime.Grains;
using Microsoft.Extensions.Logging;

namespace Activity.Runtime.Timers;

/// <summary>
/// A timer whose ticks are turns of its activation. The next tick is scheduled only when the
/// previous callback's task has ended, so a slow callback delays the timer instead of overlapping it.
/// </summary>
internal sealed partial class GrainTimer : WorkItem, IGrainTimer
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private TimeSpan _period;
    private TimeSpan? _dueAfterTick;
    private bool _ticking;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        _activation = activation;
        _callback = callback;
        _period = period;
        _timer = activation.Catalog.TimeProvider.CreateTimer(static state => ((GrainTimer)state!).OnDue(), this, dueTime, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A tick is not a use of the grain: a grain with only a timer running is still idle.</summary>
    public override bool KeepsAlive => false;

    /// <summary>A tick belongs to this activation; the next activation starts its own timers.</summary>
    public override bool Forwardable => false;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        lock (_gate)
        {
            _period = period;
            if (_ticking)
            {
                // Re-arming now could start a tick while this one still runs; the tick's end does it.
                _dueAfterTick = dueTime;
                return;
            }
        }

        if (!_disposed.IsCancellationRequested)
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public override Task Run(Activation activation)
    {
        try
        {
            return _callback(_disposed.Token) ?? Task.CompletedTask;
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    public override void OnTurnEnded(Task turn)
    {
        if (turn.IsFaulted)
        {
            LogTickFailed(_activation.Catalog.Logger, turn.Exception!.InnerException!, _activation.Id);
        }

        TimeSpan next;
        lock (_gate)
        {
            _ticking = false;
            next = _dueAfterTick ?? _period;
            _dueAfterTick = null;
        }

        if (next != Timeout.InfiniteTimeSpan && !_disposed.IsCancellationRequested)
        {
            _timer.Change(next, Timeout.InfiniteTimeSpan);
        }
    }

    public override void Fail(Exception exception)
    {
        // The activation is gone; so is the timer.
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnDue()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _ticking = true;
        }

        _activation.Enqueue(this);
    }

    private static void Validate(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "A timer's due time and period are zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A timer callback of grain {GrainId} failed; the timer keeps its schedule")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, GrainId grainId);
}
