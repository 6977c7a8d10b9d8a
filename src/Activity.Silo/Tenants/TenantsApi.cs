using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Tenants;

/// <summary>
/// <c>/api/admin/tenants</c> (admin key): create a tenant (its API key is shown once), list tenants
/// (never their keys), and rotate a tenant's key.
/// </summary>
internal static class TenantsApi
{
    private const int MaxBodyBytes = 4 * 1024;
    private static readonly JsonFieldNames CreateFields = new("name");

    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/tenants").RequireAdminKey().WithTags("Admin");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapPost("/{tenantId}/rotate-key", RotateKeyAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TenantService tenants, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var errors = new Dictionary<string, List<string>>();
            var name = JsonFields.Of(body.RootElement, "", errors, CreateFields)?.String("name", required: true, TenantService.MaxNameLength);
            if (name is not null && TenantService.NameProblem(name) is { } nameProblem)
            {
                errors["name"] = [nameProblem];
            }

            if (errors.ToProblem() is { } invalid)
            {
                return invalid;
            }

            var created = await tenants.CreateAsync(name!, cancellationToken);
            if (created is not var (tenant, apiKey))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken", detail: $"A tenant named '{name!.Trim()}' exists already (names ignore case); choose another name.");
            }

            return TypedResults.Created($"/api/admin/tenants/{tenant.Id}", new CreatedTenant(tenant.Id, tenant.Name, apiKey, tenant.CreatedAt));
        }
    }

    private static async Task<Ok<TenantView[]>> ListAsync(ITenantStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(t => new TenantView(t.Id, t.Name, t.CreatedAt, t.KeyRotatedAt)).ToArray());

    private static async Task<Results<Ok<CreatedTenant>, ProblemHttpResult>> RotateKeyAsync(string tenantId, TenantService tenants, TenantResolver resolver, CancellationToken cancellationToken)
    {
        var rotated = TenantKeys.IsTenantId(tenantId) ? await tenants.RotateKeyAsync(tenantId, cancellationToken) : null;
        if (rotated is not var (tenant, apiKey))
        {
            return Problems.NotFound($"There is no tenant '{tenantId}'.");
        }

        resolver.Forget(tenant.Id);
        return TypedResults.Ok(new CreatedTenant(tenant.Id, tenant.Name, apiKey, tenant.CreatedAt));
    }

    /// <summary>A tenant with its API key: shown once, at creation or rotation.</summary>
    internal sealed record CreatedTenant(string Id, string Name, string ApiKey, DateTimeOffset CreatedAt);

    /// <summary>A tenant as listed: never with a key.</summary>
    internal sealed record TenantView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset KeyRotatedAt);
}
