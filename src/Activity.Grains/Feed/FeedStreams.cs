using Activity.Grains.Telemetry;

namespace Activity.Grains.Feed;

/// <summary>
/// Where feed changes are published: the stream provider <c>feed</c>, stream <c>feed/{tenant}</c>. Each
/// item is one write's changes, in order; SSE endpoints subscribe once per silo and tenant.
/// </summary>
public static class FeedStreams
{
    /// <summary>The stream provider's name.</summary>
    public const string Provider = "feed";

    /// <summary>
    /// How many queues carry the feed streams (Orleans' default is 8). Each queue has a grain and an
    /// agent that polls it every <see cref="FeedOptions.StreamPullingPeriod"/>; a write of a feed is one
    /// item, so two carry far more than a silo writes, with fewer pollers waking it when idle.
    /// </summary>
    public const int Queues = 2;

    /// <summary>The stream namespace; the key is the tenant id.</summary>
    public const string Namespace = "feed";

    /// <summary>The stream of a tenant's feed changes.</summary>
    public static StreamId Of(string tenantId) => StreamId.Create(Namespace, tenantId);
}

/// <summary>The changes one feed write committed, in sequence order (gapless from the previous item, unless an item was lost).</summary>
/// <param name="Changes">The change-log entries.</param>
/// <param name="Trace">The publishing span, when the write was part of a sampled trace.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.FeedChanges")]
public sealed record FeedChanges(IReadOnlyList<FeedChangeRecord> Changes, string? Trace = null) : ITraced;
