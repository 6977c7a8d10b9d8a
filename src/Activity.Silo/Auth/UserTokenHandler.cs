using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>Authenticates a user token (<see cref="UserTokens"/>) as that user of that tenant.</summary>
internal sealed class UserTokenHandler(
    UserTokens tokens,
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Credentials.Bearer(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var (principal, problem) = await tokens.ValidateAsync(token, Context.RequestAborted);
        return principal is not null
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name))
            : AuthenticateResult.Fail(problem!);
    }
}
