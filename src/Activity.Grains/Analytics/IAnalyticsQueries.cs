using Activity.Domain.Analytics;

namespace Activity.Grains.Analytics;

/// <summary>
/// The counts behind the analytics values, read from the tenant's event log and per-day counts
/// (memory or PostgreSQL). Reads over the log see what retention keeps of it; sign-ups and per-day
/// counts are kept whole.
/// </summary>
public interface IAnalyticsQueries
{
    /// <summary>Sign-ups per month (first day of the month), every month up to <paramref name="before"/>.</summary>
    Task<IReadOnlyDictionary<DateOnly, long>> SignUpsPerMonthAsync(string tenantId, DateOnly before, CancellationToken cancellationToken);

    /// <summary>Distinct actors per month of occurrence, for the months from <paramref name="from"/> to before <paramref name="before"/> (first days of months).</summary>
    Task<IReadOnlyDictionary<DateOnly, long>> ActiveUsersPerMonthAsync(string tenantId, DateOnly from, DateOnly before, CancellationToken cancellationToken);

    /// <summary>Events per UTC day of occurrence and type, from <paramref name="from"/> to <paramref name="to"/> (both included).</summary>
    Task<IReadOnlyList<TypeDayCount>> DailyCountsAsync(string tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>
    /// The items with the most votes and comments received, net of removals, ties by item id; with views. Over
    /// events that occurred from <paramref name="from"/> to before <paramref name="before"/> when given, else all.
    /// </summary>
    Task<IReadOnlyList<ItemRank>> TopItemsAsync(string tenantId, int limit, DateTimeOffset? from, DateTimeOffset? before, CancellationToken cancellationToken);

    /// <summary>The last UTC day a tenant's events occurred on (by the per-day counts), or null when it has none.</summary>
    Task<DateOnly?> LastActiveDayAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The tenants with events that occurred on <paramref name="since"/> or later.</summary>
    Task<IReadOnlyList<string>> ActiveTenantsAsync(DateOnly since, CancellationToken cancellationToken);
}
