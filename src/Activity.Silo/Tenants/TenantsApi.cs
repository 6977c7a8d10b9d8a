using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Tenants;

/// <summary>
/// <c>/api/admin/tenants</c> (admin key): create a tenant (its API key is shown once), list tenants
/// (never their keys), change a tenant's settings (retention, allowed origins, report mail), and rotate a
/// tenant's key.
/// </summary>
internal static class TenantsApi
{
    private const int MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/tenants").RequireAuthorization(AccessPolicies.AdminKey).WithTags("Admin");
        group.MapPost("/", CreateAsync).TakesJson<CreateTenantRequest>();
        group.MapGet("/", ListAsync);
        group.MapPut("/{tenantId}", UpdateAsync).TakesJson<TenantSettingsRequest>();
        group.MapPost("/{tenantId}/rotate-key", RotateKeyAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequest.ReadAsync<CreateTenantRequest>(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var created = await grains.GetGrain<ITenantGrain>(TenantKeys.NewTenantId()).CreateAsync(body.Name!);
        if (created is not var (tenant, apiKey))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken", detail: $"A tenant named '{body.Name!.Trim()}' exists already (names ignore case); choose another name.");
        }

        return TypedResults.Created($"/api/admin/tenants/{tenant.Id}", new CreatedTenant(tenant.Id, tenant.Name, apiKey, tenant.CreatedAt));
    }

    private static async Task<Ok<TenantView[]>> ListAsync(ITenantStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(TenantView.Of).ToArray());

    // A field left out keeps its value. The retention job applies a changed retention to stored events on
    // its next run (POST /api/admin/retention/run runs it now); silos use changed origins within 10 s.
    private static async Task<IResult> UpdateAsync(string tenantId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var tenant = TenantKeys.IsTenantId(tenantId) ? grains.GetGrain<ITenantGrain>(tenantId) : null;
        if (tenant is null || await tenant.GetAsync() is null)
        {
            return Problems.NotFound($"There is no tenant '{tenantId}'.");
        }

        var (body, problem) = await JsonRequest.ReadAsync<TenantSettingsRequest>(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var updated = body.RetentionDays is { } days ? await tenant.SetRetentionAsync(days) : await tenant.GetAsync();
        if (updated is not null && (body.AllowedOrigins is not null || body.ReportMail is not null))
        {
            updated = await tenant.SetAccessAsync(body.OriginList, body.ReportMail);
            request.HttpContext.RequestServices.GetRequiredService<BrowserOrigins>().Forget();
        }

        return updated is null ? Problems.NotFound($"There is no tenant '{tenantId}'.") : TypedResults.Ok(TenantView.Of(updated));
    }

    // The tenant's grain stores the new key and tells every silo to forget the old one before it answers.
    private static async Task<Results<Ok<CreatedTenant>, ProblemHttpResult>> RotateKeyAsync(string tenantId, IGrainFactory grains)
    {
        var rotated = TenantKeys.IsTenantId(tenantId) ? await grains.GetGrain<ITenantGrain>(tenantId).RotateKeyAsync() : null;
        if (rotated is not var (tenant, apiKey))
        {
            return Problems.NotFound($"There is no tenant '{tenantId}'.");
        }

        return TypedResults.Ok(new CreatedTenant(tenant.Id, tenant.Name, apiKey, tenant.CreatedAt));
    }

    /// <summary>A tenant with its API key: shown once, at creation or rotation.</summary>
    internal sealed record CreatedTenant(string Id, string Name, string ApiKey, DateTimeOffset CreatedAt);

    /// <summary>A tenant as listed: never with a key.</summary>
    internal sealed record TenantView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset KeyRotatedAt, int RetentionDays, IReadOnlyList<string> AllowedOrigins, bool ReportMail)
    {
        public static TenantView Of(Tenant t) => new(t.Id, t.Name, t.CreatedAt, t.KeyRotatedAt, t.RetentionDays, t.Origins, t.ReportMail);
    }
}
