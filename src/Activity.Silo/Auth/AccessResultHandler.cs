using Activity.Silo.Cluster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Activity.Silo.Auth;

/// <summary>
/// Answers a refused request with problem+json that says what to send: 401 with a challenge when no
/// usable credential came (naming the one the route takes, and why the one sent was not accepted), or
/// the status and detail of the requirement that refused it (403, or 400/404 for a tenant named wrong).
/// </summary>
internal sealed class AccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // No endpoint: nothing would run but the 404, so let it say so.
        if (authorizeResult.Succeeded || context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }

        // The wrong kind of credential is the first thing to fix, before what it named.
        if (authorizeResult.AuthorizationFailure?.FailureReasons.OfType<AccessRefusal>().OrderBy(r => r.Handler is CredentialHandler ? 0 : 1).FirstOrDefault() is { } refusal)
        {
            await TypedResults.Problem(statusCode: refusal.Status, detail: refusal.Message).ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden || policy.Requirements.OfType<ClosedRequirement>().Any())
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "This route is closed to this credential.").ExecuteAsync(context);
            return;
        }

        var needed = policy.Requirements.OfType<CredentialRequirement>().FirstOrDefault()?.Needed ?? "Send a credential.";
        var failure = await FailureAsync(context, policy);
        context.Response.Headers.WWWAuthenticate = context.Request.Path.StartsWithSegments(OrleansDashboardApi.Path, StringComparison.OrdinalIgnoreCase)
            ? "Basic realm=\"Activity dashboard\", charset=\"UTF-8\""
            : "Bearer";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            detail: failure is null ? needed : $"{failure} {needed}").ExecuteAsync(context);
    }

    // Why the credential that came was not accepted; the schemes' results are cached for the request, so this authenticates nothing twice.
    private static async Task<string?> FailureAsync(HttpContext context, AuthorizationPolicy policy)
    {
        foreach (var scheme in policy.AuthenticationSchemes)
        {
            if ((await context.AuthenticateAsync(scheme)).Failure is { } failure)
            {
                return failure.Message;
            }
        }

        return null;
    }
}
