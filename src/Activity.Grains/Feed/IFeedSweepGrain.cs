namespace Activity.Grains.Feed;

/// <summary>
/// The cluster's one feed sweep (key 0), driven by a reminder every <see cref="FeedOptions.SweepInterval"/>
/// and run once when a silo starts: wakes every feed whose log is ahead of its checkpoint (events
/// acknowledged before a crash, or whose hand-over was lost), and forgets change-log entries and
/// idempotency keys past their retention.
/// </summary>
[Alias("activity.IFeedSweepGrain")]
public interface IFeedSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or updates) the reminder; idempotent, every starting silo calls it.</summary>
    [Alias("Schedule")]
    Task ScheduleAsync();

    /// <summary>Sweeps now and says what it did.</summary>
    [Alias("Sweep")]
    Task<SweepReport> SweepAsync();

    /// <summary>The last sweep, or null when none ran since this activation.</summary>
    [Alias("LastSweep")]
    Task<SweepReport?> LastSweepAsync();
}

/// <summary>What one sweep did.</summary>
/// <param name="At">When it finished.</param>
/// <param name="Silo">The silo it ran on.</param>
/// <param name="Lagging">Feeds that were behind their log and were caught up.</param>
/// <param name="Changes">Change-log entries forgotten.</param>
/// <param name="IdempotencyKeys">Idempotency keys forgotten.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.SweepReport")]
public sealed record SweepReport(DateTimeOffset At, string Silo, int Lagging, int Changes, int IdempotencyKeys);
