using System.Diagnostics.Metrics;
using Activity.Grains.Telemetry;

namespace Activity.Grains.Reports;

/// <summary>Report runs by trigger and outcome, their duration, and deliveries by channel and outcome.</summary>
public sealed class ReportMetrics
{
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _deliveries;

    /// <summary>Creates the instruments on the <see cref="ActivityMeter"/>.</summary>
    public ReportMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ActivityMeter.Name);
        _runs = meter.CreateCounter<long>("activity.report.runs", "{run}", "Report runs finished, by trigger (scheduled, catch-up, manual) and outcome (completed, failed, claim_lost)");
        _duration = meter.CreateHistogram("activity.report.run.duration", "s", "How long a report run took, generation and deliveries",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ActivityMeter.LongSeconds });
        _deliveries = meter.CreateCounter<long>("activity.report.deliveries", "{delivery}", "Report deliveries, by channel (webhook, email) and outcome (delivered, failed)");
    }

    /// <summary>A run that ended with <paramref name="outcome"/> after <paramref name="duration"/>.</summary>
    public void Ran(string trigger, string outcome, TimeSpan duration)
    {
        _runs.Add(1, new KeyValuePair<string, object?>("trigger", trigger), new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(duration.TotalSeconds);
    }

    /// <summary>One delivery, after all its attempts.</summary>
    public void Delivered(ReportDelivery delivery) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("channel", delivery.Kind), new KeyValuePair<string, object?>("outcome", delivery.Status));
}
