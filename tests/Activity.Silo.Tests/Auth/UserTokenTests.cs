using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Auth;

/// <summary>User tokens on PostgreSQL (tenants and their settings in its tables).</summary>
public sealed class UserTokenTests(DashboardSiloFixture fixture) : UserTokenContract(fixture.Silo), IClassFixture<DashboardSiloFixture>;

/// <summary>User tokens on the embedded silo.</summary>
public sealed class EmbeddedUserTokenTests(EmbeddedSiloFixture fixture) : UserTokenContract(fixture.Silo), IClassFixture<EmbeddedSiloFixture>;

/// <summary>User tokens, on a silo whose clock stands at Monday 2026-01-05 09:00 UTC.</summary>
public abstract class UserTokenContract(SiloFactory silo)
{
    [Fact]
    public async Task A_minted_token_works_for_its_lifetime_which_is_an_hour_unless_asked()
    {
        var tenant = await FeedClient.CreateAsync(silo);

        var response = await tenant.PostAsync("/api/activity/tokens", new { userId = "ann" });
        var shortLived = await MintAsync(tenant, "ann", ttlSeconds: 120);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(silo.Time.GetUtcNow().AddHours(1), DateTimeOffset.Parse((string)body["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(silo.Time.GetUtcNow().AddSeconds(120), shortLived.ExpiresAt);
        Assert.StartsWith("eyJ", (string)body["token"]!);
    }

    [Fact]
    public async Task A_token_reads_the_feed_the_stream_comments_and_its_own_dashboard()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var tile = await tenant.EmitAppliedAsync("badge.earned", actor: "bob");
        var token = (await MintAsync(tenant, "ann")).Token;
        using var browser = Browser(token);

        var events = await browser.GetAsync("/api/activity/events");
        var comments = await browser.GetAsync($"/api/activity/comments?eventId={tile}");
        var own = await browser.GetAsync("/api/dashboard/users/ann");
        var ownWeekly = await browser.GetAsync("/api/dashboard/users/ann/weekly");
        var others = await browser.GetAsync("/api/dashboard/users/bob");
        using var stream = await silo.CreateClient().GetAsync($"/api/activity/stream?access_token={token}", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Contains(tile.ToString(), await events.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, comments.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownWeekly.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        Assert.Contains("user 'ann'", await others.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_reacts_and_comments_as_its_own_user_only()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var tile = await tenant.EmitAppliedAsync("badge.earned", actor: "bob");
        using var browser = Browser((await MintAsync(tenant, "ann")).Token);

        var asSomeoneElse = await browser.PostAsJsonAsync("/api/activity/reactions", new { eventId = tile, userId = "mallory", reactionType = "hype" });
        var commentAsSomeoneElse = await browser.PostAsJsonAsync("/api/activity/comments", new { eventId = tile, userId = "mallory", body = "hi" });
        var reaction = await browser.PostAsJsonAsync("/api/activity/reactions", new { eventId = tile, reactionType = "hype" });
        var comment = await browser.PostAsJsonAsync("/api/activity/comments", new { eventId = tile, userId = "ann", body = "well done" });

        Assert.Equal(HttpStatusCode.Forbidden, asSomeoneElse.StatusCode);
        Assert.Contains("acts as user 'ann' only", await asSomeoneElse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, commentAsSomeoneElse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reaction.StatusCode);
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        var comments = JsonNode.Parse(await (await tenant.Http().GetAsync($"/api/activity/comments?eventId={tile}")).Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal("ann", (string)Assert.Single(comments)!["userId"]!);
    }

    [Fact]
    public async Task The_tenant_key_must_still_name_who_reacts()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var tile = await tenant.EmitAppliedAsync("badge.earned", actor: "bob");

        var response = await tenant.PostAsync("/api/activity/reactions", new { eventId = tile, reactionType = "hype" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("is required.", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["userId"]![0]!);
    }

    [Theory]
    [InlineData("POST", "/api/activity/emit")]
    [InlineData("POST", "/api/activity/tokens")]
    [InlineData("GET", "/api/activity/log")]
    [InlineData("GET", "/api/stats")]
    [InlineData("GET", "/api/analytics/top-items")]
    [InlineData("GET", "/api/analytics/export?format=csv")]
    [InlineData("POST", "/api/reports/generate")]
    [InlineData("GET", "/api/admin/analytics/top-items")]
    [InlineData("GET", "/api/admin/analytics/export?format=csv")]
    [InlineData("GET", "/api/admin/reports/templates")]
    [InlineData("GET", "/api/admin/tenants")]
    [InlineData("GET", "/api/admin/cluster")]
    public async Task A_token_opens_nothing_else(string method, string path)
    {
        var tenant = await FeedClient.CreateAsync(silo);
        using var browser = Browser((await MintAsync(tenant, "ann")).Token);

        var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new StringContent("""{"type":"x","actorId":"ann","userId":"ann"}""", Encoding.UTF8, "application/json") : null,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("A user token", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{}""", "userId", "is required.")]
    [InlineData("""{"userId":"ann","ttlSeconds":59}""", "ttlSeconds", "must be a whole number of seconds from 60 to 86400 (a day).")]
    [InlineData("""{"userId":"ann","ttlSeconds":86401}""", "ttlSeconds", "must be a whole number of seconds from 60 to 86400 (a day).")]
    public async Task Minting_names_what_is_wrong_with_the_body(string json, string field, string message)
    {
        var tenant = await FeedClient.CreateAsync(silo);

        var response = await tenant.PostAsync("/api/activity/tokens", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]![0]!);
    }

    [Fact]
    public async Task A_changed_token_or_one_for_another_tenant_opens_nothing()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var other = await FeedClient.CreateAsync(silo);
        var token = (await MintAsync(tenant, "ann")).Token;
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url(parts[1])).Replace(tenant.TenantId, other.TenantId, StringComparison.Ordinal);
        var forged = $"{parts[0]}.{ToBase64Url(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        var response = await Browser(forged).GetAsync("/api/activity/events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signature does not match", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Browser(token + "x").GetAsync("/api/activity/events")).StatusCode);
    }

    [Fact]
    public async Task Rotating_the_tenant_key_ends_its_tokens()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        using var browser = Browser((await MintAsync(tenant, "ann")).Token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/activity/events")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await silo.CreateAdminClient().PostAsync($"/api/admin/tenants/{tenant.TenantId}/rotate-key", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/activity/events")).StatusCode);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var time = ActivityCluster.NewClock();
        await using var own = SiloFactory.Embedded(time: time);
        var tenant = await FeedClient.CreateAsync(own);
        var issued = await MintAsync(tenant, "ann", ttlSeconds: 60);
        var browser = own.CreateClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/activity/events")).StatusCode);

        // Clocks differ a little between the minting server and a silo: 30 s of skew are allowed.
        time.Advance(TimeSpan.FromSeconds(60 + 31));

        var expired = await browser.GetAsync("/api/activity/events");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("has expired", await expired.Content.ReadAsStringAsync());
    }

    private HttpClient Browser(string token)
    {
        var client = silo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(string Token, DateTimeOffset ExpiresAt)> MintAsync(FeedClient tenant, string userId, int? ttlSeconds = null)
    {
        var response = await tenant.PostAsync("/api/activity/tokens", new { userId, ttlSeconds });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)body["token"]!, DateTimeOffset.Parse((string)body["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
