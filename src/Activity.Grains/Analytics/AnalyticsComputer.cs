using System.Text.Json;
using Activity.Domain.Analytics;
using Activity.Grains.Audit;

namespace Activity.Grains.Analytics;

/// <summary>
/// Computes an analytics value from the stores, as the JSON the API answers with: a warm value is kept
/// and handed on as that text, so the jobs grain neither holds nor copies object graphs.
/// </summary>
public sealed class AnalyticsComputer(IAnalyticsQueries queries, IAuditLog audit)
{
    /// <summary>The value of <paramref name="key"/> (one of the four metrics the stores answer) as of <paramref name="now"/>.</summary>
    public async Task<string> ComputeAsync(string tenantId, AnalyticsKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        object value;
        switch (key.Metric)
        {
            case "user-growth":
                var thisMonth = AnalyticsValues.MonthOf(today);
                value = await queries.GrowthAsync(tenantId, thisMonth.AddMonths(1 - key.Value), thisMonth, cancellationToken);
                break;
            case "activity-trends":
                value = (await queries.TrendsAsync(tenantId, today.AddDays(1 - key.Value), today, cancellationToken)).Trends;
                break;
            case "top-items":
                value = await queries.TopItemsAsync(tenantId, key.Value, null, null, cancellationToken);
                break;
            case "recent-activity":
                value = await audit.ListAsync(tenantId, new AuditQuery(Limit: key.Value), cancellationToken);
                break;
            default:
                throw new ArgumentException($"The stores answer no metric '{key.Metric}'.", nameof(key));
        }

        return JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
    }
}
