using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Activity.Grains.Tenants;
using Activity.Silo.Cluster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>
/// Authenticates the admin key. With <c>?tenantId=</c> naming a tenant that exists, the principal also
/// holds that tenant, so routes a tenant key may call serve the admin for any tenant. On the Orleans
/// Dashboard the key is also taken as the password of HTTP Basic auth: a browser cannot add a bearer
/// header to a page it navigates to, but it asks for a password once.
/// </summary>
internal sealed class AdminKeyHandler(
    SiloKeys keys,
    ITenantStore store,
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Credentials.Bearer(Request)
            ?? (Request.Path.StartsWithSegments(OrleansDashboardApi.Path, StringComparison.OrdinalIgnoreCase) ? BasicPassword(Request) : null);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!keys.Admin.Matches(presented))
        {
            return AuthenticateResult.Fail("That is neither a tenant's API key, a user token nor the admin key.");
        }

        var identity = new ClaimsIdentity(Scheme.Name);
        if (Request.Query["tenantId"].ToString() is { Length: > 0 } named
            && TenantKeys.IsTenantId(named)
            && await store.GetAsync(named, Context.RequestAborted) is not null)
        {
            identity.AddClaim(new Claim(AccessSchemes.TenantClaim, named));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private static string? BasicPassword(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[512];
        if (!Convert.TryFromBase64String(header["Basic ".Length..].Trim(), decoded, out var length))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(decoded[..length]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}
