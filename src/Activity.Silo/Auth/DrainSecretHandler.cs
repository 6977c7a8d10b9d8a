using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>Authenticates the drain secret, sent in the <c>x-drain-secret</c> header, compared in constant time.</summary>
internal sealed class DrainSecretHandler(
    SiloKeys keys,
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The header that carries the secret.</summary>
    public const string Header = "x-drain-secret";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].ToString() is not { Length: > 0 } secret)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(keys.Drain.Matches(secret)
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(Scheme.Name)), Scheme.Name))
            : AuthenticateResult.Fail("That is not the drain secret."));
    }
}
