using System.Security.Claims;
using Activity.Silo.Http;

namespace Activity.Silo.Auth;

/// <summary>Reads who a request is: its tenant, and for a user token its user.</summary>
internal static class TenantPrincipal
{
    /// <summary>The tenant id of a request that passed a tenant's policy.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(AccessSchemes.TenantClaim) ?? throw new InvalidOperationException("The request was not authenticated as a tenant.");

    /// <summary>
    /// Who acts when a body names <paramref name="named"/>: a tenant key acts as anyone it names (and must
    /// name someone); a user token acts only as its own user, who is also who a body that names nobody means.
    /// </summary>
    public static (string? UserId, IResult? Problem) ActingUser(this ClaimsPrincipal user, string? named)
    {
        if (user.FindFirstValue(AccessSchemes.UserClaim) is not { } own)
        {
            return named is null
                ? (null, Problems.Invalid(new Dictionary<string, string[]> { ["userId"] = ["is required."] }))
                : (named, null);
        }

        return named is null || named == own
            ? (own, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: $"This user token acts as user '{own}' only; leave userId out or send '{own}'."));
    }
}
