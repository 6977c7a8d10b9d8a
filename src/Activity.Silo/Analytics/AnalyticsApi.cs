using System.Globalization;
using Activity.Domain.Analytics;
using Activity.Grains.Analytics;
using Activity.Grains.Audit;
using Activity.Silo.Auth;
using Activity.Silo.Http;

namespace Activity.Silo.Analytics;

/// <summary>
/// <c>GET /api/admin/analytics/{metric}</c> (the admin key with <c>?tenantId=</c>, or a tenant's own key):
/// user growth per month, activity per day and category, top items, recent activity. Each parameter
/// takes the values the product's reference offers; another is a 400 that lists them.
/// </summary>
internal static class AnalyticsApi
{
    private static readonly string[] Metrics = ["user-growth", "activity-trends", "top-items", "recent-activity"];

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/admin/analytics").RequireAdminOrTenantKey().WithTags("Analytics").MapGet("/{metric}", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(
        string metric,
        HttpContext http,
        IAnalyticsQueries queries,
        IAuditLog audit,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var tenantId = http.User.TenantId();
        var query = http.Request.Query;
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        switch (metric)
        {
            case "user-growth" when Choice(query, "months", 12, [6, 12, 24]) is var (months, problem):
                if (problem is not null)
                {
                    return problem;
                }

                var thisMonth = AnalyticsValues.MonthOf(today);
                var nextMonth = thisMonth.AddMonths(1);
                var signUps = await queries.SignUpsPerMonthAsync(tenantId, nextMonth, cancellationToken);
                var active = await queries.ActiveUsersPerMonthAsync(tenantId, thisMonth.AddMonths(1 - months), nextMonth, cancellationToken);
                return TypedResults.Ok(AnalyticsValues.Growth(thisMonth, months, signUps, active));
            case "activity-trends" when Choice(query, "days", 7, [7, 14, 30]) is var (days, problem):
                if (problem is not null)
                {
                    return problem;
                }

                var counts = await queries.DailyCountsAsync(tenantId, today.AddDays(1 - days), today, cancellationToken);
                return TypedResults.Ok(AnalyticsValues.Trends(today, days, counts));
            case "top-items" when Choice(query, "limit", 10, [10, 20, 50]) is var (limit, problem):
                return problem ?? TypedResults.Ok(await queries.TopItemsAsync(tenantId, limit, cancellationToken));
            case "recent-activity" when Choice(query, "limit", 10, [10, 20]) is var (limit, problem):
                return problem ?? TypedResults.Ok(await audit.ListAsync(tenantId, new AuditQuery(Limit: limit), cancellationToken));
            default:
                return Problems.NotFound($"There is no metric '{metric}'; there are {string.Join(", ", Metrics)}.");
        }
    }

    // The parameter's value when it is one of `allowed` (or left out: `fallback`), else a 400 naming them.
    private static (int Value, IResult? Problem) Choice(IQueryCollection query, string name, int fallback, int[] allowed)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return (fallback, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && allowed.Contains(value)
            ? (value, null)
            : (0, Problems.BadRequest($"{name} must be one of {string.Join(", ", allowed)}; '{text}' is not."));
    }
}
