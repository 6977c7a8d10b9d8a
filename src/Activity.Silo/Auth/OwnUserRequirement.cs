using Microsoft.AspNetCore.Authorization;

namespace Activity.Silo.Auth;

/// <summary>A user token opens the routes of its own user only (<c>{userId}</c> in the route); a tenant key opens any user's.</summary>
internal sealed class OwnUserRequirement : AuthorizationHandler<OwnUserRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnUserRequirement requirement)
    {
        if (context.User.Identity is not { IsAuthenticated: true } || context.Resource is not HttpContext http)
        {
            return Task.CompletedTask;
        }

        var own = context.User.FindFirst(AccessSchemes.UserClaim)?.Value;
        if (own is null || own == http.Request.RouteValues["userId"] as string)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AccessRefusal(this, StatusCodes.Status403Forbidden, $"This user token is for user '{own}' and opens only that user's dashboard."));
        }

        return Task.CompletedTask;
    }
}
