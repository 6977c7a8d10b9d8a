using System.Net;
using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Silo.Tests.Feed;

public sealed class DrainApiTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData(SiloFactory.TestAdminKey)]
    public async Task Drain_needs_the_drain_secret(string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/activity/drain");
        if (secret is not null)
        {
            request.Headers.Add("x-drain-secret", secret);
        }

        var response = await fixture.Silo.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("x-drain-secret", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Draining_every_tenant_applies_every_tenants_events()
    {
        var a = await FeedClient.CreateAsync(fixture.Silo);
        var b = await FeedClient.CreateAsync(fixture.Silo);
        await a.EmitAsync(new { type = "vote", actorId = "u1" });
        await b.EmitAsync(new { type = "vote", actorId = "u1" });

        var response = await Drain(fixture.Silo, query: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var drained = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["drained"]!.AsArray();
        Assert.Contains(drained, d => (string?)d!["tenantId"] == a.TenantId);
        Assert.Contains(drained, d => (string?)d!["tenantId"] == b.TenantId);
        Assert.Single(await a.TilesAsync());
        Assert.Single(await b.TilesAsync());
    }

    [Theory]
    [InlineData("ten_missing")]
    [InlineData("ten_0000000000000000")]
    [InlineData("a%00b")]
    public async Task Draining_an_unknown_tenant_is_not_found(string tenantId)
    {
        var response = await Drain(fixture.Silo, $"?tenantId={tenantId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("MC_API_SECRET", "from-mission-control-0123456789abcdef")]
    [InlineData("DEPLOY_WEBHOOK_SECRET", "from-deploy-hook-0123456789abcdefghi")]
    public async Task Without_a_drain_secret_setting_the_fallback_variable_is_the_secret(string variable, string secret)
    {
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?> { ["Activity:DrainSecret"] = "", [variable] = secret });

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/activity/drain");
        request.Headers.Add("x-drain-secret", secret);

        Assert.Equal(HttpStatusCode.OK, (await silo.CreateClient().SendAsync(request)).StatusCode);
    }

    private static Task<HttpResponseMessage> Drain(SiloFactory silo, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/activity/drain{query}");
        request.Headers.Add("x-drain-secret", SiloFactory.TestDrainSecret);
        return silo.CreateClient().SendAsync(request);
    }
}
