using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>Authenticates a tenant's API key as that tenant (<see cref="TenantResolver"/> remembers keys it has seen).</summary>
internal sealed class TenantKeyHandler(
    TenantResolver tenants,
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Credentials.Bearer(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        return await tenants.ResolveAsync(key, Context.RequestAborted) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name))
            : AuthenticateResult.Fail("That API key is not a tenant's current key (a rotated key stops working at once).");
    }
}
