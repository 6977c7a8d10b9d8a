using System.Security.Claims;

namespace Activity.Silo.Auth;

/// <summary>
/// Lets a request on <c>/api/activity</c> through with a tenant's API key: <c>Authorization: Bearer
/// &lt;key&gt;</c>, or, on the SSE stream only, <c>?access_token=&lt;key&gt;</c> (a browser's EventSource
/// cannot send headers). Otherwise 401 problem+json.
/// </summary>
/// <remarks>
/// An endpoint filter rather than an authentication scheme: every emit passes through here, and a
/// cached principal is all it needs, not a ticket, a policy and an authorization context per request.
/// </remarks>
internal sealed class TenantKeyFilter(TenantResolver tenants) : IEndpointFilter
{
    /// <summary>The one route that takes the key from the query string.</summary>
    public const string StreamPath = "/api/activity/stream";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = BearerToken.Read(http.Request);
        if (key is null && http.Request.Path.Equals(StreamPath, StringComparison.OrdinalIgnoreCase) && http.Request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            key = token;
        }

        var principal = key is null ? null : await tenants.ResolveAsync(key, http.RequestAborted);
        if (principal is null)
        {
            return Unauthorized.Answer(http, "Send the tenant's API key as 'Authorization: Bearer <key>' (the SSE stream also takes ?access_token=<key>). A key that was rotated no longer works.");
        }

        http.User = principal;
        return await next(context);
    }
}

/// <summary>Reads the authenticated tenant.</summary>
internal static class TenantPrincipal
{
    /// <summary>The tenant id of a request that passed <see cref="TenantKeyFilter"/>.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(AuthSchemes.TenantIdClaim) ?? throw new InvalidOperationException("The request was not authenticated as a tenant.");
}
