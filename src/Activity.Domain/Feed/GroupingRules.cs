namespace Activity.Domain.Feed;

/// <summary>How events become tiles.</summary>
/// <param name="Window">How long a window stays open after its first event. Default 5 minutes.</param>
/// <param name="Threshold">The event count at which a window's tiles merge into one group. Default 3.</param>
/// <param name="Samples">How many events a group keeps as samples. Default 5.</param>
public sealed record GroupingRules(TimeSpan Window, int Threshold, int Samples)
{
    /// <summary>A group lists at most this many distinct actors (its count still counts them all).</summary>
    public const int MaxActorIds = 50;

    /// <summary>5 minutes, 3 events, 5 samples.</summary>
    public static GroupingRules Default { get; } = new(TimeSpan.FromMinutes(5), 3, 5);
}
