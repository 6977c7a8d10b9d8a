using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Activity.Grains.Tenants;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Silo.Tests.Auth;

/// <summary>CORS on PostgreSQL (tenants and their settings in its tables).</summary>
public sealed class CorsTests(DashboardSiloFixture fixture) : CorsContract(fixture.Silo), IClassFixture<DashboardSiloFixture>;

/// <summary>CORS on the embedded silo.</summary>
public sealed class EmbeddedCorsTests(EmbeddedSiloFixture fixture) : CorsContract(fixture.Silo), IClassFixture<EmbeddedSiloFixture>;

/// <summary>CORS, on a silo whose clock stands at Monday 2026-01-05 09:00 UTC.</summary>
public abstract class CorsContract(SiloFactory silo)
{
    private const string App = "https://app.example.com";

    [Fact]
    public async Task A_page_of_an_allowed_origin_may_call_the_routes_a_token_opens()
    {
        var tenant = await AllowingAsync(silo, App);
        var token = await tenant.TokenAsync();

        var preflight = await PreflightAsync(silo, "/api/activity/events", App);
        var events = await GetAsync(silo, "/api/activity/events", token, App);
        var dashboard = await GetAsync(silo, "/api/dashboard/users/ann", token, App);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(App, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(App, events.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(App, dashboard.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Another_origin_or_another_tenants_origin_gets_no_cors_headers()
    {
        var tenant = await AllowingAsync(silo, App);
        var other = await AllowingAsync(silo, "https://other.example.com");
        var token = await tenant.TokenAsync();

        var stranger = await GetAsync(silo, "/api/activity/events", token, "https://evil.example.com");
        var othersOrigin = await GetAsync(silo, "/api/activity/events", token, "https://other.example.com");
        var ownOriginOnOthersData = await GetAsync(silo, "/api/activity/events", await other.TokenAsync(), App);

        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(othersOrigin.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(ownOriginOnOthersData.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Routes_a_token_does_not_open_answer_no_browser_of_another_origin()
    {
        var tenant = await AllowingAsync(silo, App);

        var preflight = await PreflightAsync(silo, "/api/activity/emit", App, "POST");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/activity/log");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        request.Headers.Add("Origin", App);
        var log = await silo.CreateClient().SendAsync(request);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.False(log.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_star_tenant_allows_every_origin()
    {
        var tenant = await AllowingAsync(silo, "*");

        var response = await GetAsync(silo, "/api/activity/events", await tenant.TokenAsync(), "https://anyone.example.org");

        Assert.Equal("https://anyone.example.org", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task A_change_made_on_another_silo_is_used_within_10_seconds()
    {
        // A silo of its own: a preflight is answered for any tenant's origins, and here no tenant allows '*'.
        await using var own = SiloFactory.Embedded(time: ActivityCluster.NewClock());
        var tenant = await AllowingAsync(own, App);
        var token = await tenant.TokenAsync();
        Assert.True((await GetAsync(own, "/api/activity/events", token, App)).Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False((await PreflightAsync(own, "/api/activity/events", "https://evil.example.com")).Headers.Contains("Access-Control-Allow-Origin"));

        // As another silo would: in the store, without telling this one.
        await own.Services.GetRequiredService<ITenantStore>().SetAccessAsync(tenant.TenantId, "", reportMail: false, default);
        own.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.False((await GetAsync(own, "/api/activity/events", token, App)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<FeedClient> AllowingAsync(SiloFactory silo, string origin)
    {
        var tenant = await FeedClient.CreateAsync(silo);
        using var admin = silo.CreateAdminClient();
        (await admin.PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}", new { allowedOrigins = new[] { origin } })).EnsureSuccessStatusCode();
        return tenant;
    }

    private static Task<HttpResponseMessage> PreflightAsync(SiloFactory silo, string path, string origin, string method = "GET")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return silo.CreateClient().SendAsync(request);
    }

    private static Task<HttpResponseMessage> GetAsync(SiloFactory silo, string path, string token, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Origin", origin);
        return silo.CreateClient().SendAsync(request);
    }
}
