using System.Net;
using System.Text.Json.Nodes;
using System.Net.Http.Headers;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Limits;

/// <summary>A silo of its own with small limits; buckets refill in real time, so each test overruns its limit by far.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly SiloFactory _silo = SiloFactory.Embedded(settings: new Dictionary<string, string?>
    {
        ["Activity:RateLimits:EmitsPerSecond"] = "1",
        ["Activity:RateLimits:EmitBurst"] = "2",
        ["Activity:RateLimits:UserReadsPerSecond"] = "1",
        ["Activity:RateLimits:UserReadBurst"] = "2",
        ["Activity:RateLimits:ExpensivePerMinute"] = "1",
        ["Activity:RateLimits:ExpensiveBurst"] = "1",
        ["Activity:RateLimits:StreamsPerUser"] = "1",
    });

    public Task InitializeAsync()
    {
        _silo.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_tenant_over_its_emit_limit_gets_429_with_retry_after_and_others_go_on()
    {
        var tenant = await FeedClient.CreateAsync(_silo);
        var other = await FeedClient.CreateAsync(_silo);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await tenant.PostAsync("/api/activity/emit", new { type = "vote", actorId = "ann" }));
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted], answers.Take(2).Select(a => a.StatusCode));
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("limit of emits", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostAsync("/api/activity/emit", new { type = "vote", actorId = "bob" })).StatusCode);
    }

    [Fact]
    public async Task Each_user_token_has_its_own_read_limit()
    {
        var tenant = await FeedClient.CreateAsync(_silo);
        using var ann = Browser(await tenant.TokenAsync("ann"));
        using var bob = Browser(await tenant.TokenAsync("bob"));

        var anns = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            anns.Add((await ann.GetAsync("/api/activity/events")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, anns);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/activity/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Http().GetAsync("/api/activity/events")).StatusCode);
    }

    [Fact]
    public async Task Exports_and_audit_searches_share_the_expensive_limit_and_the_admin_key_has_none()
    {
        var tenant = await FeedClient.CreateAsync(_silo);
        using var admin = _silo.CreateAdminClient();

        var first = await tenant.Http().GetAsync("/api/analytics/export?metric=audit-log&format=csv");
        var second = await tenant.Http().GetAsync("/api/analytics/export?metric=audit-log&format=csv");
        var search = await tenant.Http().GetAsync("/api/activity/log?q=hello");
        var list = await tenant.Http().GetAsync("/api/activity/log");
        var byAdmin = await admin.GetAsync($"/api/admin/analytics/export?metric=audit-log&format=csv&tenantId={tenant.TenantId}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("expensive requests", await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.TooManyRequests, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Fact]
    public async Task A_user_may_hold_the_configured_number_of_streams()
    {
        var tenant = await FeedClient.CreateAsync(_silo);
        var token = await tenant.TokenAsync("ann");
        await using var open = await SseStream.OpenAsync(_silo.CreateClient(), token, lastEventId: null, inQuery: false);

        using var second = await _silo.CreateClient().GetAsync($"/api/activity/stream?access_token={token}", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("open streams", await second.Content.ReadAsStringAsync());
    }

    private HttpClient Browser(string token)
    {
        var client = _silo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
