using System.Text.Json;
using Activity.Domain.Analytics;
using Activity.Grains.Audit;

namespace Activity.Grains.Analytics;

/// <summary>
/// Computes analytics values from the stores, as the JSON the API answers with: a warm value is kept
/// and handed on as that text, so the jobs grain neither holds nor copies object graphs.
/// </summary>
public sealed class AnalyticsComputer(IAnalyticsQueries queries, IAuditLog audit)
{
    /// <summary>The value of <paramref name="key"/> (one of the four metrics the stores answer) as of <paramref name="now"/>.</summary>
    public async Task<string> ComputeAsync(string tenantId, AnalyticsKey key, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ComputeAsync(tenantId, key.Metric, [key.Value], now, cancellationToken))[0];

    /// <summary>
    /// The values of <paramref name="metric"/> for each of <paramref name="values"/>, in their order, from one read
    /// of the stores: the widest span (the most months, days, items or events) holds every narrower one, so a
    /// job keeping 10, 20 and 50 top items warm scans the log once, not three times.
    /// </summary>
    public async Task<IReadOnlyList<string>> ComputeAsync(string tenantId, string metric, IReadOnlyList<int> values, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var widest = values.Max();
        IEnumerable<object> computed;
        switch (metric)
        {
            case "user-growth":
                var thisMonth = AnalyticsValues.MonthOf(today);
                var signUps = await queries.SignUpsPerMonthAsync(tenantId, thisMonth.AddMonths(1), cancellationToken);
                var active = await queries.ActiveUsersPerMonthAsync(tenantId, thisMonth.AddMonths(1 - widest), thisMonth.AddMonths(1), cancellationToken);
                computed = values.Select(months => AnalyticsValues.Growth(thisMonth, months, signUps, active));
                break;
            case "activity-trends":
                var counts = await queries.DailyCountsAsync(tenantId, today.AddDays(1 - widest), today, cancellationToken);
                computed = values.Select(days => AnalyticsValues.Trends(today, days, counts));
                break;
            case "top-items":
                var items = await queries.TopItemsAsync(tenantId, widest, null, null, cancellationToken);
                computed = values.Select(limit => items.Take(limit).ToList());
                break;
            case "recent-activity":
                var events = await audit.ListAsync(tenantId, new AuditQuery(Limit: widest), cancellationToken);
                computed = values.Select(limit => events.Take(limit).ToList());
                break;
            default:
                throw new ArgumentException($"The stores answer no metric '{metric}'.", nameof(metric));
        }

        return [.. computed.Select(value => JsonSerializer.Serialize(value, JsonSerializerOptions.Web))];
    }
}
