using System.Diagnostics.Metrics;
using Activity.Grains.Telemetry;

namespace Activity.Grains.Analytics.Jobs;

/// <summary>Analytics job runs: how many, by job and outcome, and how long each took.</summary>
public sealed class JobMetrics
{
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on the <see cref="ActivityMeter"/>.</summary>
    public JobMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ActivityMeter.Name);
        _runs = meter.CreateCounter<long>("activity.analytics.job.runs", "{run}", "Analytics job runs, by job and outcome (completed, failed)");
        _duration = meter.CreateHistogram("activity.analytics.job.duration", "s", "How long an analytics job run took, by job",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ActivityMeter.LongSeconds });
    }

    /// <summary>A run of <paramref name="job"/> that took <paramref name="duration"/>.</summary>
    public void Ran(string job, bool failed, TimeSpan duration)
    {
        _runs.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", failed ? "failed" : "completed"));
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("job", job));
    }
}
