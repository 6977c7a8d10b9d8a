namespace Activity.Grains.Analytics.Jobs;

/// <summary>One background job of a tenant's analytics: what it keeps warm (or, for two of them, what else it does).</summary>
/// <param name="Id">The job's id in routes and settings.</param>
/// <param name="Name">Its name, as the product's reference calls it.</param>
/// <param name="Metric">The metric whose every allowed value it keeps warm; null for cache cleanup.</param>
public sealed record AnalyticsJob(string Id, string Name, AnalyticsMetric? Metric)
{
    /// <summary>Keeps user growth for 6, 12 and 24 months warm.</summary>
    public static readonly AnalyticsJob UserGrowth = new("user-growth", "User Growth Aggregation", AnalyticsMetric.UserGrowth);

    /// <summary>Keeps activity trends for 7, 14 and 30 days warm.</summary>
    public static readonly AnalyticsJob ActivityTrends = new("activity-trends", "Activity Trends Aggregation", AnalyticsMetric.ActivityTrends);

    /// <summary>Keeps the top 10, 20 and 50 items warm.</summary>
    public static readonly AnalyticsJob TopItems = new("top-items", "Top Items Ranking", AnalyticsMetric.TopItems);

    /// <summary>Keeps the latest 10 and 20 events warm.</summary>
    public static readonly AnalyticsJob RecentActivity = new("recent-activity", "Recent Activity Update", AnalyticsMetric.RecentActivity);

    /// <summary>Sums up the timings of this tenant's analytics queries and grain calls.</summary>
    public static readonly AnalyticsJob PerformanceMetrics = new("performance-metrics", "Performance Metrics Update", AnalyticsMetric.PerformanceMetrics);

    /// <summary>Removes warm values past their freshness.</summary>
    public static readonly AnalyticsJob CacheCleanup = new("cache-cleanup", "Cache Cleanup", null);

    /// <summary>Every job, in the order the API lists them.</summary>
    public static IReadOnlyList<AnalyticsJob> All { get; } = [UserGrowth, ActivityTrends, TopItems, RecentActivity, PerformanceMetrics, CacheCleanup];

    /// <summary>The job called <paramref name="id"/>, or null.</summary>
    public static AnalyticsJob? Find(string id) => All.FirstOrDefault(j => j.Id == id);

    /// <summary>The job that keeps <paramref name="metric"/> warm.</summary>
    public static AnalyticsJob Keeping(string metric) => All.First(j => j.Metric?.Name == metric);
}
