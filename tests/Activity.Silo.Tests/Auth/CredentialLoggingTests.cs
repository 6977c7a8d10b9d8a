using System.Net;
using System.Net.Http.Headers;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Auth;

public sealed class CredentialLoggingTests
{
    [Fact]
    public async Task No_tenant_key_or_user_token_reaches_the_log_even_at_debug_level()
    {
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        });
        silo.Logs.Minimum = Microsoft.Extensions.Logging.LogLevel.Debug;
        var tenant = await FeedClient.CreateAsync(silo);
        var token = await tenant.TokenAsync();

        using (var stream = await silo.CreateClient().GetAsync($"/api/activity/stream?access_token={token}", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        }

        var refused = silo.CreateClient();
        refused.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await refused.GetAsync("/api/activity/events")).StatusCode);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann" });

        Assert.Contains(silo.Logs.Lines, l => l.StartsWith("Debug Microsoft.AspNetCore", StringComparison.Ordinal));
        // (The embedded silo prints its own admin key and drain secret at start, on purpose: it is a demo.)
        var secrets = new[] { tenant.ApiKey, token, token.Split('.')[2] };
        Assert.DoesNotContain(silo.Logs.Lines, line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal)));
    }
}
