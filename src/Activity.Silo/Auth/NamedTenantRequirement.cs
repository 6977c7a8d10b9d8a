using Microsoft.AspNetCore.Authorization;

namespace Activity.Silo.Auth;

/// <summary>
/// A route of one tenant: the admin key names the tenant with <c>?tenantId=</c> (an admin principal holds
/// it when it exists); a tenant key naming another tenant finds nothing (404, as if it did not exist).
/// </summary>
internal sealed class NamedTenantRequirement : AuthorizationHandler<NamedTenantRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, NamedTenantRequirement requirement)
    {
        if (context.User.Identity is not { IsAuthenticated: true } || context.Resource is not HttpContext http)
        {
            return Task.CompletedTask;
        }

        var named = http.Request.Query["tenantId"].ToString() is { Length: > 0 } id ? id : null;
        var tenant = context.User.FindFirst(AccessSchemes.TenantClaim)?.Value;
        if (tenant is not null && (named is null || named == tenant))
        {
            context.Succeed(requirement);
        }
        else if (tenant is null && named is null)
        {
            context.Fail(new AccessRefusal(this, StatusCodes.Status400BadRequest, "With the admin key, name the tenant: ?tenantId=ten_..."));
        }
        else
        {
            context.Fail(new AccessRefusal(this, StatusCodes.Status404NotFound, $"There is no tenant '{named}'."));
        }

        return Task.CompletedTask;
    }
}
