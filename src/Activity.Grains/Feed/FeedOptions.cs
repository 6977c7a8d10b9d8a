using Activity.Domain.Feed;

namespace Activity.Grains.Feed;

/// <summary>Feed settings, bound from <c>Activity:Feed</c>.</summary>
public sealed class FeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Feed";

    /// <summary>How long a grouping window stays open after its first event. Default 5 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The event count at which a window's tiles merge into one group. Default 3.</summary>
    public int Threshold { get; set; } = 3;

    /// <summary>How many events a group keeps as samples. Default 5.</summary>
    public int Samples { get; set; } = 5;

    /// <summary>Most events applied in one transaction. Default 1,000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// How long handed-over events after a gap wait for the events before them before the log is read
    /// instead. Default 100 milliseconds.
    /// </summary>
    public TimeSpan GapPatience { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The shortest time between two writes of one tenant's feed while events keep coming: a quiet feed
    /// writes an event's tiles at once, a busy one gathers what arrives in between into one write (and one
    /// update per tile for live clients). Zero writes at every hand-over. Default 10 milliseconds.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long the change log keeps entries for SSE resume. Default 24 hours.</summary>
    public TimeSpan ChangeRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often lagging feeds are caught up and old entries forgotten. Default 1 minute.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often each silo's stream agents look for new feed changes to deliver to SSE clients (Orleans'
    /// memory streams poll; their default is 100 ms, and a change waits about one and a half periods).
    /// Measured emit-to-SSE on a quiet feed: p99 9–12 ms at 2 ms, 13–15 ms at 5 ms, 14 ms at 10 ms; an
    /// idle silo spends about 1% of a core more at 2 ms than at 5 ms. Default 2 milliseconds.
    /// </summary>
    public TimeSpan StreamPullingPeriod { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Most reactions one user may give in an hour. Default 10.</summary>
    public int ReactionsPerHour { get; set; } = 10;

    /// <summary>The grouping rule these settings describe.</summary>
    public GroupingRules Rules => new(Window, Threshold, Samples);

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem() => this switch
    {
        { Window: var w } when w <= TimeSpan.Zero => "Activity:Feed:Window must be positive.",
        { Threshold: < 1 } => "Activity:Feed:Threshold must be at least 1.",
        { Samples: < 1 } => "Activity:Feed:Samples must be at least 1.",
        { BatchSize: < 1 } => "Activity:Feed:BatchSize must be at least 1.",
        { GapPatience: var g } when g < TimeSpan.Zero => "Activity:Feed:GapPatience must be zero or more.",
        { FlushInterval: var f } when f < TimeSpan.Zero => "Activity:Feed:FlushInterval must be zero or more.",
        { ChangeRetention: var r } when r <= TimeSpan.Zero => "Activity:Feed:ChangeRetention must be positive.",
        { SweepInterval: var s } when s < TimeSpan.FromSeconds(1) => "Activity:Feed:SweepInterval must be at least 1 second (it is a reminder's period).",
        { StreamPullingPeriod: var p } when p < TimeSpan.FromMilliseconds(1) => "Activity:Feed:StreamPullingPeriod must be at least 1 millisecond.",
        { ReactionsPerHour: < 1 } => "Activity:Feed:ReactionsPerHour must be at least 1.",
        _ => null,
    };
}
