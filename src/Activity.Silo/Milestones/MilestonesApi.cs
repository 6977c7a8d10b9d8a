using Activity.Domain.Milestones;
using Activity.Grains.Milestones;
using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Milestones;

/// <summary>
/// <c>GET/PUT /api/admin/tenants/{tenantId}/milestones</c> (admin key): the tenant's milestone rules.
/// A PUT replaces them whole; a rule left out is off. Every silo uses new rules within
/// <see cref="MilestoneRulesCache.Remember"/>.
/// </summary>
internal static class MilestonesApi
{
    private const int MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapMilestonesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/tenants/{tenantId}/milestones").RequireAuthorization(AccessPolicies.AdminKey).WithTags("Admin");
        group.MapGet("/", GetAsync);
        group.MapPut("/", PutAsync).TakesJson<MilestonesRequest>();
        return endpoints;
    }

    private static async Task<Results<Ok<MilestoneRules>, ProblemHttpResult>> GetAsync(string tenantId, ITenantStore tenants, CancellationToken cancellationToken) =>
        await UnknownAsync(tenantId, tenants, cancellationToken) is { } missing
            ? missing
            : TypedResults.Ok(await tenants.GetMilestonesAsync(tenantId, cancellationToken));

    private static async Task<IResult> PutAsync(string tenantId, HttpRequest request, ITenantStore tenants, MilestoneRulesCache cache, CancellationToken cancellationToken)
    {
        if (await UnknownAsync(tenantId, tenants, cancellationToken) is { } missing)
        {
            return missing;
        }

        var (body, problem) = await JsonRequest.ReadAsync<MilestonesRequest>(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var rules = body.ToRules();
        await tenants.SetMilestonesAsync(tenantId, rules, cancellationToken);
        cache.Forget(tenantId);
        return TypedResults.Ok(rules);
    }

    private static async Task<ProblemHttpResult?> UnknownAsync(string tenantId, ITenantStore tenants, CancellationToken cancellationToken) =>
        TenantKeys.IsTenantId(tenantId) && await tenants.GetAsync(tenantId, cancellationToken) is not null
            ? null
            : Problems.NotFound($"There is no tenant '{tenantId}'.");
}
