using Microsoft.AspNetCore.Authorization;

namespace Activity.Silo.Auth;

/// <summary>
/// The fallback policy's one requirement, never met: a route that names no policy (and does not say
/// <c>AllowAnonymous</c>) is closed to everyone, so forgetting to protect a new route cannot open it.
/// </summary>
internal sealed class ClosedRequirement : AuthorizationHandler<ClosedRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ClosedRequirement requirement)
    {
        context.Fail(new AccessRefusal(this, StatusCodes.Status403Forbidden, "This route names no access policy, so it is closed to every credential."));
        return Task.CompletedTask;
    }
}
