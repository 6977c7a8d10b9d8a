using Microsoft.AspNetCore.Authorization;

namespace Activity.Silo.Auth;

/// <summary>A route opens to these kinds of credential (<see cref="AccessSchemes"/>), and to no other.</summary>
/// <param name="Schemes">The schemes whose principals may call the route.</param>
/// <param name="Needed">What to send, said to a caller without a credential (the 401's detail).</param>
internal sealed record CredentialRequirement(IReadOnlyList<string> Schemes, string Needed) : IAuthorizationRequirement;

/// <summary>Checks <see cref="CredentialRequirement"/>; a caller with another kind of credential gets a 403 that says which fits.</summary>
internal sealed class CredentialHandler : AuthorizationHandler<CredentialRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CredentialRequirement requirement)
    {
        if (context.User.Identity is not { IsAuthenticated: true, AuthenticationType: { } scheme })
        {
            return Task.CompletedTask;
        }

        if (requirement.Schemes.Contains(scheme))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AccessRefusal(this, StatusCodes.Status403Forbidden, $"{Describe(scheme)} does not open this route. {requirement.Needed}"));
        }

        return Task.CompletedTask;
    }

    private static string Describe(string scheme) => scheme switch
    {
        AccessSchemes.UserToken => "A user token (for browsers: the feed, the stream, comments, reactions and the user's own dashboard)",
        AccessSchemes.TenantKey => "A tenant's API key",
        AccessSchemes.AdminKey => "The admin key",
        _ => "This credential",
    };
}
