using Activity.Abstractions.Stats;
using Activity.Grains.Dashboard;
using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Stats;

/// <summary>
/// Platform statistics: <c>GET /api/stats</c> (a tenant's key, its own numbers) and
/// <c>GET /api/admin/stats?tenantId=</c> (the admin key, any tenant's). A section that cannot be read is
/// zeros and named in <c>errors</c>; the answer is still 200.
/// </summary>
internal static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/stats").RequireAuthorization(AccessPolicies.TenantKey).RequireRateLimiting(Limits.RateLimits.Reads).WithTags("Stats").MapGet("/", TenantStatsAsync);
        endpoints.MapGroup("/api/admin/stats").RequireAuthorization(AccessPolicies.AdminKey).WithTags("Admin").MapGet("/", AdminStatsAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<TenantStats>, ProblemHttpResult>> TenantStatsAsync(HttpContext http, IGrainFactory grains, IOptions<DashboardOptions> options) =>
        Off(options) ?? (Results<Ok<TenantStats>, ProblemHttpResult>)TypedResults.Ok(await grains.GetGrain<ITenantStatsGrain>(http.User.TenantId()).GetAsync());

    private static async Task<Results<Ok<TenantStats>, ProblemHttpResult>> AdminStatsAsync(string? tenantId, ITenantStore tenants, IGrainFactory grains, IOptions<DashboardOptions> options, CancellationToken cancellationToken)
    {
        if (Off(options) is { } off)
        {
            return off;
        }

        if (string.IsNullOrEmpty(tenantId))
        {
            return Problems.BadRequest("Name the tenant: GET /api/admin/stats?tenantId=ten_...");
        }

        if (!TenantKeys.IsTenantId(tenantId) || await tenants.GetAsync(tenantId, cancellationToken) is null)
        {
            return Problems.NotFound($"There is no tenant '{tenantId}'.");
        }

        return TypedResults.Ok(await grains.GetGrain<ITenantStatsGrain>(tenantId).GetAsync());
    }

    private static ProblemHttpResult? Off(IOptions<DashboardOptions> options) =>
        options.Value.Enabled ? null : Problems.NotFound("Statistics are turned off on this service (Activity:Dashboards:Enabled is false).");
}
