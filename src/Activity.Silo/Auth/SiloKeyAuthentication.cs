using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>Which silo key a scheme checks, and what a refused caller is told.</summary>
internal sealed class SiloKeyOptions : AuthenticationSchemeOptions
{
    public Func<SiloKeys, SiloKey> Key { get; set; } = keys => keys.Admin;

    public string Setting { get; set; } = "Activity:AdminKey";
}

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against one of the silo's own keys.</summary>
internal sealed class SiloKeyAuthentication(IOptionsMonitor<SiloKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder, SiloKeys keys)
    : AuthenticationHandler<SiloKeyOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = BearerToken.Read(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Options.Key(keys).Matches(presented))
        {
            return Task.FromResult(AuthenticateResult.Fail("The key is not this silo's."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Scheme.Name)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Unauthorized.WriteAsync(Context, $"Send the silo's key ({Options.Setting}) as 'Authorization: Bearer <key>'.");
}

/// <summary>The 401 every scheme answers with.</summary>
internal static class Unauthorized
{
    public static Task WriteAsync(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(context);
    }
}
