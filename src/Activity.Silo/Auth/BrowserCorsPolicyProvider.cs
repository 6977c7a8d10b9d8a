using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Activity.Silo.Auth;

/// <summary>
/// CORS for the routes a user token opens (they say <c>RequireCors(Policy)</c>; no other route answers a
/// browser of another origin): a request's origin must be one its tenant allows
/// (<see cref="BrowserOrigins"/>), and a preflight, which carries no credential, one that some tenant
/// allows. Any other origin gets no CORS headers, so its page cannot read the answer.
/// </summary>
internal sealed class BrowserCorsPolicyProvider(BrowserOrigins origins) : ICorsPolicyProvider
{
    /// <summary>The policy name the browser routes carry.</summary>
    public const string Policy = "tenant-origins";

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (policyName != Policy || origin.Length == 0)
        {
            return null;
        }

        var aborted = context.RequestAborted;
        var preflight = HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);
        bool allowed;
        if (preflight)
        {
            allowed = await origins.AnyAllowsAsync(origin, aborted);
        }
        else
        {
            // The scheme's result is kept for the request, so authorization does not authenticate again.
            var tenant = (await context.AuthenticateAsync(AccessSchemes.Bearer)).Principal?.FindFirstValue(AccessSchemes.TenantClaim);
            allowed = tenant is not null && await origins.AllowsAsync(tenant, origin, aborted);
        }

        return allowed
            ? new CorsPolicyBuilder()
                .WithOrigins(origin)
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, "Last-Event-ID")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
                .Build()
            : null;
    }
}
