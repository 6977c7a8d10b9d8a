namespace Activity.Grains.Analytics;

/// <summary>
/// One analytics value a tenant can ask for, with the one parameter it takes and the values the
/// product's reference offers for it (a warm value is kept for each).
/// </summary>
/// <param name="Name">The metric's name in routes and cache keys, e.g. <c>top-items</c>.</param>
/// <param name="Parameter">The query parameter, e.g. <c>limit</c>; null when the metric takes none.</param>
/// <param name="Default">The parameter's value when a request leaves it out.</param>
/// <param name="Allowed">The values the parameter may take.</param>
public sealed record AnalyticsMetric(string Name, string? Parameter, int Default, int[] Allowed)
{
    /// <summary>Sign-ups and active users per month.</summary>
    public static readonly AnalyticsMetric UserGrowth = new("user-growth", "months", 12, [6, 12, 24]);

    /// <summary>Events per day and category.</summary>
    public static readonly AnalyticsMetric ActivityTrends = new("activity-trends", "days", 7, [7, 14, 30]);

    /// <summary>Items by votes and comments received.</summary>
    public static readonly AnalyticsMetric TopItems = new("top-items", "limit", 10, [10, 20, 50]);

    /// <summary>The latest events, as the audit log shows them.</summary>
    public static readonly AnalyticsMetric RecentActivity = new("recent-activity", "limit", 10, [10, 20]);

    /// <summary>Timings of this tenant's analytics queries and grain calls.</summary>
    public static readonly AnalyticsMetric PerformanceMetrics = new("performance-metrics", null, 0, [0]);

    /// <summary>Every metric, in the order the API lists them.</summary>
    public static IReadOnlyList<AnalyticsMetric> All { get; } = [UserGrowth, ActivityTrends, TopItems, RecentActivity, PerformanceMetrics];

    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public static AnalyticsMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The key of this metric with <paramref name="value"/> (one of <see cref="Allowed"/>).</summary>
    public AnalyticsKey Key(int value) => new(Name, Parameter is null ? 0 : value);

    /// <summary>A key for each allowed value: what a job keeps warm.</summary>
    public IEnumerable<AnalyticsKey> Keys => Allowed.Select(Key);
}

/// <summary>One warm value's key: a metric and its parameter's value, written <c>top-items:10</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.AnalyticsKey")]
public readonly record struct AnalyticsKey(string Metric, int Value)
{
    /// <inheritdoc />
    public override string ToString() => Value == 0 ? Metric : $"{Metric}:{Value}";
}
