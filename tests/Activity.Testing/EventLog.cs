namespace Activity.Testing;

/// <summary>
/// What test grains did, in order, and a way to await a given event instead of sleeping. Register
/// one as a singleton in a test silo; grains take it in their constructor.
/// </summary>
public sealed class EventLog
{
    // A hang guard, not a synchronisation delay: a test that waits this long has failed.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private readonly List<string> _events = [];
    private readonly List<(string Event, int Count, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Records an event and wakes whoever waits for it.</summary>
    public void Add(string @event)
    {
        List<TaskCompletionSource> ready = [];
        lock (_gate)
        {
            _events.Add(@event);
            var count = _events.Count(e => e == @event);
            foreach (var waiter in _waiters.Where(w => w.Event == @event && w.Count <= count).ToList())
            {
                _waiters.Remove(waiter);
                ready.Add(waiter.Done);
            }
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }

    /// <summary>Every event so far.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>How many times the event happened.</summary>
    public int Count(string @event)
    {
        lock (_gate)
        {
            return _events.Count(e => e == @event);
        }
    }

    /// <summary>Completes when the event has happened <paramref name="times"/> times; fails after a long hang guard.</summary>
    public async Task WaitForAsync(string @event, int times = 1)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_events.Count(e => e == @event) >= times)
            {
                return;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((@event, times, done));
        }

        try
        {
            await done.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{@event}' did not happen {times} time(s); events so far: {string.Join(", ", Events)}");
        }
    }
}
