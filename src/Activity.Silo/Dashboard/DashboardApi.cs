using System.Globalization;
using Activity.Abstractions.Dashboard;
using Activity.Domain.Dashboard;
using Activity.Grains.Dashboard;
using Activity.Grains.Ingest;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Dashboard;

/// <summary>
/// A user's engagement dashboard (<c>/api/dashboard/users/{userId}</c>, tenant API key, or that user's token), read from their
/// dashboard grain: totals, weekly, daily, top items. A user with no events reads as zeros. The same routes
/// under <c>/api/admin/dashboard/users/{userId}</c> take the admin key naming the tenant (<c>?tenantId=</c>).
/// </summary>
internal static class DashboardApi
{
    /// <summary>Most items <c>top-items</c> lists.</summary>
    public const int MaxTopItems = 50;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        MapDashboard(endpoints.MapGroup("/api/dashboard/users/{userId}").RequireAuthorization(AccessPolicies.OwnDashboard).RequireCors(BrowserCorsPolicyProvider.Policy).RequireRateLimiting(Limits.RateLimits.Reads).WithTags("Dashboard"));
        MapDashboard(endpoints.MapGroup("/api/admin/dashboard/users/{userId}").RequireAuthorization(AccessPolicies.AdminForTenant).WithTags("Admin"));
        return endpoints;
    }

    private static void MapDashboard(RouteGroupBuilder users)
    {
        users.MapGet("/", SummaryAsync);
        users.MapGet("/weekly", WeeklyAsync);
        users.MapGet("/daily", DailyAsync);
        users.MapGet("/top-items", TopItemsAsync);
    }

    private static async Task<Results<Ok<DashboardSummary>, ProblemHttpResult>> SummaryAsync(HttpContext http, string userId, IGrainFactory grains, IOptions<DashboardOptions> options) =>
        Grain(http, userId, grains, options, out var grain) is { } problem ? problem : TypedResults.Ok(await grain.SummaryAsync());

    private static async Task<Results<Ok<IReadOnlyList<WeekEngagement>>, ProblemHttpResult>> WeeklyAsync(HttpContext http, string userId, string? weeks, IGrainFactory grains, IOptions<DashboardOptions> options)
    {
        var count = 12;
        return (Grain(http, userId, grains, options, out var grain) ?? Range("weeks", weeks, UserDashboard.WeeksKept, ref count)) is { } problem
            ? problem
            : TypedResults.Ok(await grain.WeeklyAsync(count));
    }

    private static async Task<Results<Ok<IReadOnlyList<DayEngagement>>, ProblemHttpResult>> DailyAsync(HttpContext http, string userId, string? days, IGrainFactory grains, IOptions<DashboardOptions> options)
    {
        var count = 7;
        return (Grain(http, userId, grains, options, out var grain) ?? Range("days", days, UserDashboard.DaysKept, ref count)) is { } problem
            ? problem
            : TypedResults.Ok(await grain.DailyAsync(count));
    }

    private static async Task<Results<Ok<IReadOnlyList<ItemEngagement>>, ProblemHttpResult>> TopItemsAsync(HttpContext http, string userId, string? limit, IGrainFactory grains, IOptions<DashboardOptions> options)
    {
        var count = 5;
        return (Grain(http, userId, grains, options, out var grain) ?? Range("limit", limit, MaxTopItems, ref count)) is { } problem
            ? problem
            : TypedResults.Ok(await grain.TopItemsAsync(count));
    }

    // The grain of the caller's tenant and this user, or why there is none to ask.
    private static ProblemHttpResult? Grain(HttpContext http, string userId, IGrainFactory grains, IOptions<DashboardOptions> options, out IDashboardGrain grain)
    {
        grain = null!;
        if (!options.Value.Enabled)
        {
            return Problems.NotFound("Dashboards are turned off on this service (Activity:Dashboards:Enabled is false).");
        }

        if (EventRules.TextProblem(userId, EventRules.MaxIdLength) is { } problem)
        {
            return Problems.BadRequest($"userId {problem}");
        }

        grain = grains.GetGrain<IDashboardGrain>(DashboardKey.Of(http.User.TenantId(), userId));
        return null;
    }

    // Reads a count of 1 to max into `value` (left at its default when not given), or says what is wrong.
    private static ProblemHttpResult? Range(string name, string? text, int max, ref int value)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > max)
        {
            return Problems.BadRequest($"{name} must be a whole number from 1 to {max} (got '{text}').");
        }

        value = parsed;
        return null;
    }
}
