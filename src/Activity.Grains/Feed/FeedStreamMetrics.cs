using System.Diagnostics.Metrics;
using Activity.Grains.Telemetry;

namespace Activity.Grains.Feed;

/// <summary>
/// The feed streams between the feed grains and the silos' SSE endpoints: items published (one per feed
/// write), items that failed to publish (live clients then read those changes from the change log), and
/// items delivered to a silo's subscription.
/// </summary>
public sealed class FeedStreamMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailed;
    private readonly Counter<long> _delivered;

    /// <summary>Creates the instruments on the <see cref="ActivityMeter"/>.</summary>
    public FeedStreamMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ActivityMeter.Name);
        _published = meter.CreateCounter<long>("activity.stream.published", "{item}", "Feed stream items published (one per feed write with changes)");
        _publishFailed = meter.CreateCounter<long>("activity.stream.publish_failed", "{item}", "Feed stream items that could not be published; live clients read those changes from the change log");
        _delivered = meter.CreateCounter<long>("activity.stream.delivered", "{item}", "Feed stream items delivered to this silo's subscriptions");
    }

    /// <summary>An item published, or not.</summary>
    public void Published(bool failed) => (failed ? _publishFailed : _published).Add(1);

    /// <summary>An item a silo's subscription received.</summary>
    public void Delivered() => _delivered.Add(1);
}
