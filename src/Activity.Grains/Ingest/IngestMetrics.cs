using System.Diagnostics.Metrics;
using Activity.Grains.Telemetry;

namespace Activity.Grains.Ingest;

/// <summary>
/// What ingest counts: events accepted and refused, how big and how long each group commit is, and how
/// long an emit waits until its events are durable. Paid on every emit, so only counters and histograms
/// without per-tenant labels.
/// </summary>
public sealed class IngestMetrics
{
    /// <summary>The <c>reason</c> of events that broke the rules (400 before anything was stored).</summary>
    public const string Invalid = "invalid";

    /// <summary>The <c>reason</c> of events the log refused although they met the rules (400).</summary>
    public const string Rejected = "rejected";

    /// <summary>The <c>reason</c> of events refused because the log could not be written or the silo is stopping (503).</summary>
    public const string Unavailable = "unavailable";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Histogram<int> _commitSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _appendDuration;

    /// <summary>Creates the instruments on the <see cref="ActivityMeter"/>.</summary>
    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ActivityMeter.Name);
        _accepted = meter.CreateCounter<long>("activity.events.accepted", "{event}", "Events made durable and acknowledged (a repeated idempotency key included)");
        _refused = meter.CreateCounter<long>("activity.events.refused", "{event}", "Events refused, by reason: invalid, rejected (by the log), unavailable");
        _commitSize = meter.CreateHistogram("activity.ingest.commit.size", "{event}", "Events written by one group commit",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] });
        _commitDuration = meter.CreateHistogram("activity.ingest.commit.duration", "s", "Time one group commit took to append its events to the log",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ActivityMeter.ShortSeconds });
        _appendDuration = meter.CreateHistogram("activity.ingest.append.duration", "s", "Time from an emit's arrival at the ingestor until its events were durable (queue and commit)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ActivityMeter.ShortSeconds });
    }

    /// <summary>Events acknowledged as durable.</summary>
    public void Accepted(int events) => _accepted.Add(events);

    /// <summary>Events refused for <paramref name="reason"/> (<see cref="Invalid"/>, <see cref="Rejected"/>, <see cref="Unavailable"/>).</summary>
    public void Refused(string reason, int events) => _refused.Add(events, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>One group commit that appended <paramref name="events"/> in <paramref name="duration"/>.</summary>
    public void Committed(int events, TimeSpan duration)
    {
        _commitSize.Record(events);
        _commitDuration.Record(duration.TotalSeconds);
    }

    /// <summary>One emit that waited <paramref name="duration"/> for its events to be durable.</summary>
    public void Appended(TimeSpan duration) => _appendDuration.Record(duration.TotalSeconds);
}
