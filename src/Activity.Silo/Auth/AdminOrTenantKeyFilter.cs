using System.Security.Claims;
using Activity.Grains.Tenants;
using Activity.Silo.Http;

namespace Activity.Silo.Auth;

/// <summary>
/// Lets a request through with the admin key and <c>?tenantId=</c> naming a tenant, or with a tenant's
/// own key (its tenant implied; naming another tenant's id is a 404, as if it did not exist). Either
/// way the request's user is that tenant (<see cref="TenantPrincipal.TenantId"/>).
/// </summary>
internal sealed class AdminOrTenantKeyFilter(SiloKeys keys, TenantResolver tenants, ITenantStore store) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = BearerToken.Read(http.Request);
        var named = http.Request.Query["tenantId"].ToString() is { Length: > 0 } id ? id : null;
        if (keys.Admin.Matches(key))
        {
            if (named is null)
            {
                return Problems.BadRequest("With the admin key, name the tenant: ?tenantId=ten_...");
            }

            if (!TenantKeys.IsTenantId(named) || await store.GetAsync(named, http.RequestAborted) is null)
            {
                return Problems.NotFound($"There is no tenant '{named}'.");
            }

            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AuthSchemes.TenantIdClaim, named)], AuthSchemes.Tenant));
            return await next(context);
        }

        var principal = key is null ? null : await tenants.ResolveAsync(key, http.RequestAborted);
        if (principal is null)
        {
            return Unauthorized.Answer(http, "Send the admin key (Activity:AdminKey) with ?tenantId=, or a tenant's API key, as 'Authorization: Bearer <key>'.");
        }

        if (named is not null && named != principal.TenantId())
        {
            return Problems.NotFound($"There is no tenant '{named}'.");
        }

        http.User = principal;
        return await next(context);
    }
}
