using System.Globalization;
using System.Text;
using Activity.Grains.Analytics;
using Activity.Grains.Analytics.Jobs;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Activity.Silo.Limits;

namespace Activity.Silo.Analytics;

/// <summary>
/// <c>GET /api/analytics/{metric}</c> with a tenant's key (and <c>/api/admin/analytics/...</c> with the admin
/// key and <c>?tenantId=</c>, for every route here and in the jobs and export APIs):
/// user growth per month, activity per day and category, top items, recent activity and the tenant's
/// analytics timings, from the tenant's jobs grain (warm when fresh, else computed then). Each parameter
/// takes the values the product's reference offers; another is a 400 that lists them.
/// </summary>
internal static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder endpoints)
    {
        MapAnalytics(endpoints.MapGroup("/api/analytics").RequireAuthorization(AccessPolicies.TenantKey).RequireRateLimiting(RateLimits.Reads).WithTags("Analytics"));
        MapAnalytics(endpoints.MapGroup("/api/admin/analytics").RequireAuthorization(AccessPolicies.AdminForTenant).WithTags("Admin"));
        return endpoints;
    }

    private static void MapAnalytics(RouteGroupBuilder analytics)
    {
        // A value may be cold (computed now): the silo cannot tell before it asks, so each counts as expensive.
        analytics.MapGet("/{metric}", GetAsync).CountsAsExpensive();
        analytics.MapAnalyticsJobsApi();
        analytics.MapAnalyticsExportApi();
    }

    private static async Task<IResult> GetAsync(string metric, HttpContext http, IGrainFactory grains)
    {
        if (AnalyticsMetric.Find(metric) is not { } found)
        {
            return Problems.NotFound($"There is no metric '{metric}'; there are {string.Join(", ", AnalyticsMetric.All.Select(m => m.Name))}.");
        }

        var value = 0;
        if (found.Parameter is { } parameter && Choice(http.Request.Query, parameter, found.Default, found.Allowed) is var (chosen, problem))
        {
            if (problem is not null)
            {
                return problem;
            }

            value = chosen;
        }

        var warm = await grains.GetGrain<IAnalyticsJobsGrain>(http.User.TenantId()).GetAsync(found.Key(value));
        http.Response.Headers["X-Analytics-Cache"] = warm.Warm ? "warm" : "cold";
        http.Response.Headers["X-Analytics-Computed-At"] = warm.ComputedAt.ToString("O", CultureInfo.InvariantCulture);
        return TypedResults.Text(warm.Json, "application/json", Encoding.UTF8);
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
