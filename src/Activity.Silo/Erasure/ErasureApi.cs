using Activity.Grains.Erasure;
using Activity.Grains.Ingest;
using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Erasure;

/// <summary>
/// <c>DELETE /api/admin/tenants/{tenantId}/users/{userId}</c> (admin key): erases a person from the
/// tenant's events, feed, comments, reactions, dashboards and statistics, and says what went, per kind.
/// Asking again is safe (and finishes an erasure a dying silo cut short).
/// </summary>
internal static class ErasureApi
{
    public static IEndpointRouteBuilder MapErasureApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/admin/tenants/{tenantId}/users").RequireAuthorization(AccessPolicies.AdminKey).WithTags("Admin").MapDelete("/{userId}", EraseAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<ErasureReport>, ProblemHttpResult>> EraseAsync(string tenantId, string userId, ITenantStore tenants, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!TenantKeys.IsTenantId(tenantId) || await tenants.GetAsync(tenantId, cancellationToken) is null)
        {
            return Problems.NotFound($"There is no tenant '{tenantId}'.");
        }

        if (string.IsNullOrWhiteSpace(userId) || userId.Length > EventRules.MaxIdLength)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid user id",
                detail: $"A user id is 1 to {EventRules.MaxIdLength} characters, as an event's actorId.");
        }

        return TypedResults.Ok(await grains.GetGrain<IErasureGrain>(tenantId).EraseAsync(userId));
    }
}
