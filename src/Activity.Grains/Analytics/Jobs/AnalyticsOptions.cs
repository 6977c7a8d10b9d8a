namespace Activity.Grains.Analytics.Jobs;

/// <summary>Analytics job settings, bound from <c>Activity:Analytics</c>.</summary>
public sealed class AnalyticsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Analytics";

    /// <summary>
    /// Whether the jobs run on their own (default true). <c>false</c>, or the reference's
    /// <c>DISABLE_AUTO_SYNC=true</c>, keeps them stopped until <c>POST .../jobs/restart</c> starts a tenant's.
    /// </summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>
    /// How often the cluster-wide coordinator wakes the jobs of tenants with recent activity (a
    /// reminder's period: at least a minute). Default 1 minute.
    /// </summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Jobs run for tenants with events in this many last days. Default 30.</summary>
    public int ActiveDays { get; set; } = 30;

    /// <summary>
    /// Each job's interval by id (<c>Activity:Analytics:Intervals:top-items=00:15:00</c>); the reference's by
    /// default. A warm value stays fresh for two of its job's intervals.
    /// </summary>
    public Dictionary<string, TimeSpan> Intervals { get; set; } = new(StringComparer.Ordinal)
    {
        [AnalyticsJob.UserGrowth.Id] = TimeSpan.FromMinutes(10),
        [AnalyticsJob.ActivityTrends.Id] = TimeSpan.FromMinutes(5),
        [AnalyticsJob.TopItems.Id] = TimeSpan.FromMinutes(15),
        [AnalyticsJob.RecentActivity.Id] = TimeSpan.FromMinutes(2),
        [AnalyticsJob.PerformanceMetrics.Id] = TimeSpan.FromSeconds(30),
        [AnalyticsJob.CacheCleanup.Id] = TimeSpan.FromHours(1),
    };

    /// <summary>The interval of <paramref name="job"/>.</summary>
    public TimeSpan IntervalOf(AnalyticsJob job) => Intervals[job.Id];

    /// <summary>How long a value of <paramref name="metric"/> stays fresh: two intervals of the job that keeps it warm.</summary>
    public TimeSpan FreshFor(string metric) => 2 * IntervalOf(AnalyticsJob.Keeping(metric));

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem()
    {
        if (Intervals.Keys.FirstOrDefault(id => AnalyticsJob.Find(id) is null) is { } unknown)
        {
            return $"Activity:Analytics:Intervals:{unknown} names no job; the jobs are {string.Join(", ", AnalyticsJob.All.Select(j => j.Id))}.";
        }

        if (Intervals.FirstOrDefault(i => i.Value < TimeSpan.FromSeconds(1)) is { Key: { } fast })
        {
            return $"Activity:Analytics:Intervals:{fast} must be at least a second.";
        }

        if (WakeInterval < TimeSpan.FromMinutes(1))
        {
            return "Activity:Analytics:WakeInterval must be at least a minute (Orleans reminders tick no faster).";
        }

        return ActiveDays < 1 ? "Activity:Analytics:ActiveDays must be at least 1." : null;
    }
}
