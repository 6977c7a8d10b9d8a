using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>
/// Authenticates a tenant by its API key: <c>Authorization: Bearer &lt;key&gt;</c>, or, on the SSE
/// stream only, <c>?access_token=&lt;key&gt;</c> (a browser's EventSource cannot send headers).
/// </summary>
internal sealed class TenantKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TenantResolver tenants)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The one route that takes the key from the query string.</summary>
    public const string StreamPath = "/api/activity/stream";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = BearerToken.Read(Request);
        if (key is null && Request.Path.Equals(StreamPath, StringComparison.OrdinalIgnoreCase) && Request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            key = token;
        }

        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var tenant = await tenants.ResolveAsync(key, Context.RequestAborted);
        if (tenant is null)
        {
            return AuthenticateResult.Fail("The API key belongs to no tenant.");
        }

        var identity = new ClaimsIdentity([new Claim(AuthSchemes.TenantIdClaim, tenant.Id), new Claim(ClaimTypes.Name, tenant.Name)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Unauthorized.WriteAsync(Context, "Send the tenant's API key as 'Authorization: Bearer <key>' (the SSE stream also takes ?access_token=<key>). A key that was rotated no longer works.");
}

/// <summary>Reads the authenticated tenant.</summary>
internal static class TenantPrincipal
{
    /// <summary>The tenant id of an authenticated tenant request.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(AuthSchemes.TenantIdClaim) ?? throw new InvalidOperationException("The request was not authenticated as a tenant.");
}
