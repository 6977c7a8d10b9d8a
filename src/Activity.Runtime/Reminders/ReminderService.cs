using Activity.Runtime.Catalog;
using Activity.Runtime.Grains;
using Microsoft.Extensions.Logging;

namespace Activity.Runtime.Reminders;

/// <summary>
/// Keeps the schedule of every reminder this silo owns and delivers each tick as a grain call to
/// <see cref="IRemindable.ReceiveReminder"/>, activating the grain when needed. The table is the
/// truth; the schedule is rebuilt from it at start, which is how reminders survive a restart.
/// </summary>
/// <remarks>One timer serves all reminders: it is always armed for the earliest tick in a priority queue.</remarks>
internal sealed partial class ReminderService(IReminderTable table, ActivationCatalog catalog, TimeProvider timeProvider, ILogger<ReminderService> logger)
{
    /// <summary>The shortest period a reminder may have; shorter schedules belong to grain timers.</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _sync = new();
    private readonly Lock _arming = new();
    private readonly Dictionary<(GrainId Grain, string Name), Scheduled> _scheduled = [];
    private readonly PriorityQueue<Scheduled, DateTimeOffset> _due = new();
    private ITimer? _timer;
    private bool _started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var rows = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        lock (_sync)
        {
            foreach (var row in rows)
            {
                Schedule(row);
            }

            _started = true;
            _timer = timeProvider.CreateTimer(static state => ((ReminderService)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        LogStarted(logger, rows.Count);
        Arm();
    }

    public void Stop()
    {
        lock (_sync)
        {
            _started = false;
            _timer?.Dispose();
            _timer = null;
        }
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time cannot be negative.");
        }

        if (period < MinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"Reminder '{name}' has a period of {period.TotalMilliseconds:0.###} ms; reminders need at least {MinimumPeriod.TotalSeconds:0} s. Use a grain timer for shorter intervals.");
        }

        var entry = new ReminderEntry(grainId, name, timeProvider.GetUtcNow() + dueTime, period);
        entry = entry with { ETag = await table.UpsertRowAsync(entry, cancellationToken).ConfigureAwait(false) };
        lock (_sync)
        {
            Schedule(entry);
        }

        Arm();
        return GrainReminder.From(entry);
    }

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder, CancellationToken cancellationToken)
    {
        if (!await table.RemoveRowAsync(grainId, reminder.ReminderName, reminder.ETag, cancellationToken).ConfigureAwait(false))
        {
            throw new ReminderException($"Reminder '{reminder.ReminderName}' of grain {grainId} was changed or removed since it was read; read it again with GetReminder.");
        }

        lock (_sync)
        {
            if (_scheduled.Remove((grainId, reminder.ReminderName), out var scheduled))
            {
                scheduled.Cancelled = true;
            }
        }
    }

    public async Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        var entry = await table.ReadRowAsync(grainId, name, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : GrainReminder.From(entry);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var entries = await table.ReadRowsAsync(grainId, cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(GrainReminder.From)];
    }

    // Called under _sync.
    private void Schedule(ReminderEntry entry)
    {
        var key = (entry.GrainId, entry.Name);
        if (_scheduled.Remove(key, out var previous))
        {
            previous.Cancelled = true;
        }

        var now = timeProvider.GetUtcNow();
        var scheduled = new Scheduled(entry);
        _scheduled[key] = scheduled;
        _due.Enqueue(scheduled, entry.StartAt >= now ? entry.StartAt : entry.NextTickAfter(now));
    }

    private void OnTimer()
    {
        List<(ReminderEntry Entry, DateTimeOffset Tick)>? ticks = null;
        lock (_sync)
        {
            if (!_started)
            {
                return;
            }

            var now = timeProvider.GetUtcNow();
            while (_due.TryPeek(out var scheduled, out var tick) && tick <= now)
            {
                _due.Dequeue();
                if (scheduled.Cancelled)
                {
                    continue;
                }

                (ticks ??= []).Add((scheduled.Entry, tick));
                _due.Enqueue(scheduled, scheduled.Entry.NextTickAfter(now));
            }
        }

        Arm();
        foreach (var (entry, tick) in ticks ?? [])
        {
            Deliver(entry, tick);
        }
    }

    // Sets the one timer to the earliest tick. _arming keeps two threads from re-arming out of order;
    // the timer may fire inside Change (a fake clock does), which is why _sync is not held here.
    private void Arm()
    {
        lock (_arming)
        {
            ITimer timer;
            TimeSpan delay;
            lock (_sync)
            {
                if (!_started || _timer is null)
                {
                    return;
                }

                timer = _timer;
                delay = _due.TryPeek(out _, out var next)
                    ? TimeSpan.FromTicks(Math.Max(0, (next - timeProvider.GetUtcNow()).Ticks))
                    : Timeout.InfiniteTimeSpan;
            }

            timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Deliver(ReminderEntry entry, DateTimeOffset tick)
    {
        Task delivery;
        try
        {
            delivery = catalog.GrainFactory.GetRemindable(entry.GrainId)
                .ReceiveReminder(entry.Name, new TickStatus(entry.StartAt, entry.Period, tick));
        }
        catch (Exception exception)
        {
            delivery = Task.FromException(exception);
        }

        delivery.OnFailure(exception => LogDeliveryFailed(logger, exception, entry.Name, entry.GrainId));
    }

    private sealed class Scheduled(ReminderEntry entry)
    {
        public ReminderEntry Entry { get; } = entry;

        public bool Cancelled { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder service started with {Count} reminders")]
    private static partial void LogStarted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Name} of grain {GrainId} could not be delivered; the next tick keeps its schedule")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string name, GrainId grainId);
}
