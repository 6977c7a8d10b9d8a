using Activity.Domain.Analytics;

namespace Activity.Grains.Analytics;

/// <summary>The analytics values over a span, from the queries: what the API keeps warm and what exports hold.</summary>
public static class AnalyticsQueriesExtensions
{
    /// <summary>User growth for each month from <paramref name="firstMonth"/> to <paramref name="lastMonth"/> (first days of months).</summary>
    public static async Task<IReadOnlyList<MonthGrowth>> GrowthAsync(this IAnalyticsQueries queries, string tenantId, DateOnly firstMonth, DateOnly lastMonth, CancellationToken cancellationToken)
    {
        var months = ((lastMonth.Year - firstMonth.Year) * 12) + lastMonth.Month - firstMonth.Month + 1;
        var signUps = await queries.SignUpsPerMonthAsync(tenantId, lastMonth.AddMonths(1), cancellationToken);
        var active = await queries.ActiveUsersPerMonthAsync(tenantId, firstMonth, lastMonth.AddMonths(1), cancellationToken);
        return AnalyticsValues.Growth(lastMonth, months, signUps, active);
    }

    /// <summary>Activity per category for each UTC day from <paramref name="firstDay"/> to <paramref name="lastDay"/>, and the counts behind it.</summary>
    public static async Task<(IReadOnlyList<DayTrend> Trends, IReadOnlyList<TypeDayCount> Counts)> TrendsAsync(this IAnalyticsQueries queries, string tenantId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var counts = await queries.DailyCountsAsync(tenantId, firstDay, lastDay, cancellationToken);
        return (AnalyticsValues.Trends(lastDay, lastDay.DayNumber - firstDay.DayNumber + 1, counts), counts);
    }
}
