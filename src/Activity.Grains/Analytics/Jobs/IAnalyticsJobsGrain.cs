namespace Activity.Grains.Analytics.Jobs;

/// <summary>
/// A tenant's analytics (keyed by tenant id): its warm values and the background jobs that keep them
/// warm. One activation cluster-wide, so each job runs once at a time for the tenant wherever it is
/// asked from; runs interleave with reads (a read never waits for a job).
/// </summary>
[Alias("activity.IAnalyticsJobsGrain")]
public interface IAnalyticsJobsGrain : IGrainWithStringKey
{
    /// <summary>The value of <paramref name="key"/>: warm when fresh, else computed now and kept.</summary>
    [Alias("Get")]
    Task<WarmValue> GetAsync(AnalyticsKey key);

    /// <summary>
    /// Called by the coordinator every minute for tenants with recent activity: (re)arms the schedule when
    /// the jobs run, and runs every job whose time passed (while the cluster was down, say) once.
    /// </summary>
    [Alias("Wake")]
    Task WakeAsync();

    /// <summary>Every job with its status, last and next run.</summary>
    [Alias("Jobs")]
    Task<IReadOnlyList<AnalyticsJobView>> GetJobsAsync();

    /// <summary>Counts over every run so far.</summary>
    [Alias("Metrics")]
    Task<AnalyticsJobMetrics> GetMetricsAsync();

    /// <summary>Starts <paramref name="jobId"/> now, unless it is running; null for an unknown id.</summary>
    [Alias("Trigger")]
    Task<TriggerOutcome?> TriggerAsync(string jobId);

    /// <summary>Stops this tenant's schedule (kept across restarts); runs in progress finish.</summary>
    [Alias("Stop")]
    Task StopAsync();

    /// <summary>Starts this tenant's schedule again (also when auto-start is off) and runs every job now.</summary>
    [Alias("Restart")]
    Task RestartAsync();

    /// <summary>Removes warm values whose key matches <paramref name="pattern"/> (a glob: <c>*</c>, <c>?</c>), or all; how many.</summary>
    [Alias("Clear")]
    Task<int> ClearAsync(string? pattern);
}

/// <summary>A value as the API answers it (JSON), and when it was computed.</summary>
/// <param name="Json">The value.</param>
/// <param name="ComputedAt">When it was computed.</param>
/// <param name="Warm">Whether it was served from the warm values (false: computed for this call).</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.WarmValue")]
public sealed record WarmValue(string Json, DateTimeOffset ComputedAt, bool Warm);

/// <summary>One job as <c>GET /api/analytics/jobs</c> lists it.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status"><c>running</c>, <c>completed</c>, <c>failed</c> (its last run), or <c>scheduled</c> (no run yet).</param>
/// <param name="LastRun">When its last run started.</param>
/// <param name="NextRun">When it runs next; null while the tenant's schedule is stopped or waits for activity.</param>
/// <param name="DurationMs">How long its last finished run took.</param>
/// <param name="Error">Why its last run failed.</param>
/// <param name="IntervalMs">Its interval.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.AnalyticsJobView")]
public sealed record AnalyticsJobView(
    string Id,
    string Name,
    string Status,
    DateTimeOffset? LastRun,
    DateTimeOffset? NextRun,
    long? DurationMs,
    string? Error,
    long IntervalMs);

/// <summary>Counts over a tenant's job runs.</summary>
/// <param name="TotalJobs">Runs finished, both ways.</param>
/// <param name="SuccessfulJobs">Runs that completed.</param>
/// <param name="FailedJobs">Runs that failed.</param>
/// <param name="AverageJobDurationMs">Mean duration of finished runs.</param>
/// <param name="LastCleanup">When cache cleanup last ran.</param>
/// <param name="Running">Whether the tenant's schedule runs.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.AnalyticsJobMetrics")]
public sealed record AnalyticsJobMetrics(long TotalJobs, long SuccessfulJobs, long FailedJobs, double AverageJobDurationMs, DateTimeOffset? LastCleanup, bool Running);

/// <summary>What a trigger did: started the job, or skipped it because it runs (<c>"running"</c>).</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.TriggerOutcome")]
public sealed record TriggerOutcome(bool Started, string? Skipped);
