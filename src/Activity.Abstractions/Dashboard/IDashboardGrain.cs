using Activity.Domain.Dashboard;

namespace Activity.Abstractions.Dashboard;

/// <summary>
/// One user's engagement dashboard within a tenant (key: <see cref="DashboardKey.Of"/>): what they made
/// and what their items received, kept live from the tenant's event log. A user with no events reads as
/// zeros. Reads reflect every acknowledged event within about a second, and at once after a drain.
/// </summary>
[Alias("activity.IDashboardGrain")]
public interface IDashboardGrain : IGrainWithStringKey
{
    /// <summary>The user's totals.</summary>
    [Alias("Summary")]
    Task<DashboardSummary> SummaryAsync();

    /// <summary>Votes and comments received per ISO week, oldest first, ending with the current week (1–104 weeks).</summary>
    [Alias("Weekly")]
    Task<IReadOnlyList<WeekEngagement>> WeeklyAsync(int weeks);

    /// <summary>Submissions made, views and engagement received per UTC day, oldest first, ending today (1–90 days).</summary>
    [Alias("Daily")]
    Task<IReadOnlyList<DayEngagement>> DailyAsync(int days);

    /// <summary>The user's items by votes plus comments received, most first, ties by item id (1–50).</summary>
    [Alias("TopItems")]
    Task<IReadOnlyList<ItemEngagement>> TopItemsAsync(int limit);
}

/// <summary>The key of a <see cref="IDashboardGrain"/>.</summary>
public static class DashboardKey
{
    /// <summary><c>{tenantId}/{userId}</c>: tenant ids hold no '/', so the first one splits them.</summary>
    public static string Of(string tenantId, string userId) => $"{tenantId}/{userId}";

    /// <summary>The tenant and user of a key made by <see cref="Of"/>.</summary>
    public static (string TenantId, string UserId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new ArgumentException($"'{key}' is not a dashboard key; make one with DashboardKey.Of(tenantId, userId).", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
