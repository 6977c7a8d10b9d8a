using System.Diagnostics.Metrics;
using Activity.Grains.Telemetry;

namespace Activity.Grains.Retention;

/// <summary>What retention removed: events and whole partitions.</summary>
public sealed class RetentionMetrics
{
    private readonly Counter<long> _events;
    private readonly Counter<long> _partitions;

    /// <summary>Creates the instruments on the <see cref="ActivityMeter"/>.</summary>
    public RetentionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ActivityMeter.Name);
        _events = meter.CreateCounter<long>("activity.retention.events.removed", "{event}", "Events retention removed from the log");
        _partitions = meter.CreateCounter<long>("activity.retention.partitions.dropped", "{partition}", "Log partitions retention dropped whole");
    }

    /// <summary>One retention run's result.</summary>
    public void Ran(long events, int partitions)
    {
        _events.Add(events);
        _partitions.Add(partitions);
    }
}
