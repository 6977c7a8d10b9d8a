using System.Net;
using System.Net.Http.Headers;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Telemetry;

/// <summary>
/// <c>GET /metrics</c>: the admin key scrapes Activity's, ASP.NET Core's and Orleans' series, holding the
/// values this test caused. A silo of its own, alone in its collection: meters listen process-wide, so
/// another test's silo would add to the counts.
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly SiloFactory _silo = SiloFactory.Embedded();

    public Task InitializeAsync()
    {
        _silo.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_scrape_counts_what_was_emitted_refused_and_read()
    {
        var tenant = await FeedClient.CreateAsync(_silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "post-1" });
        await tenant.EmitAsync(new { type = "vote", actorId = "bob", itemId = "post-1" });
        await tenant.EmitAsync([.. Enumerable.Range(0, 4).Select(i => (object)new { type = "comment", actorId = $"u{i}", itemId = "post-2" })]);
        var refused = await tenant.PostAsync("/api/activity/emit", """[{"type":"vote","actorId":"ann"},{"type":"","actorId":"bob"}]""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await tenant.DrainAsync();
        Assert.Equal(HttpStatusCode.OK, (await tenant.Http().GetAsync("/api/activity/events")).StatusCode);

        // ASP.NET Core records a request's duration as it ends, which may be just after its client has
        // the response: the scrape is asked again until the last read is in.
        var metrics = await Poll.UntilAsync(
            ScrapeAsync,
            m => m.Value("http_server_request_duration_seconds_count", "http_route=/api/activity/events") == 1,
            TimeSpan.FromSeconds(10),
            "the duration of GET /api/activity/events in a scrape");

        Assert.Equal(6, metrics.Value("activity_events_accepted_total"));
        Assert.Equal(2, metrics.Value("activity_events_refused_total", "reason=invalid"));
        Assert.Equal(3, metrics.Value("activity_ingest_commit_size_count"));
        Assert.Equal(6, metrics.Value("activity_ingest_commit_size_sum"));
        Assert.Equal(3, metrics.Value("activity_ingest_append_duration_seconds_count"));
        Assert.Equal(6, metrics.Value("activity_projection_applied_total", "projection=feed"));
        Assert.Equal(0, metrics.Value("activity_projection_behind", "projection=feed"));
        Assert.Equal(0, metrics.Value("activity_projection_lag_seconds", "projection=feed"));
        Assert.Equal(0, metrics.Value("activity_projection_behind", "projection=dashboard-router"));
        Assert.True(metrics.Value("activity_stream_published_total") >= 1, "the feed's writes were published");

        // ASP.NET Core's request metrics, by route and status, and Orleans' activations by grain type.
        Assert.Equal(3, metrics.Value("http_server_request_duration_seconds_count", "http_route=/api/activity/emit", "http_response_status_code=202"));
        Assert.Equal(1, metrics.Value("http_server_request_duration_seconds_count", "http_route=/api/activity/emit", "http_response_status_code=400"));
        Assert.Equal(1, metrics.Value("http_server_request_duration_seconds_count", "http_route=/api/activity/events", "http_response_status_code=200"));
        Assert.Equal(1, metrics.Value("orleans_catalog_activations", "grain_type=feed"));
        Assert.Contains("# TYPE orleans_catalog_activation_created_total counter", metrics.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_admin_key_scrapes()
    {
        var tenant = await FeedClient.CreateAsync(_silo);

        var anonymous = await _silo.CreateClient().GetAsync("/metrics");
        var tenantKey = await tenant.Http().GetAsync("/metrics");
        var admin = await _silo.CreateAdminClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, tenantKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("text/plain", admin.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_silo_with_telemetry_off_serves_no_metrics()
    {
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?> { ["Activity:Telemetry:Enabled"] = "false" });

        var response = await silo.CreateAdminClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("Activity:Telemetry:TraceSampleRatio", "1.5", "TraceSampleRatio must be between 0 and 1")]
    [InlineData("Activity:Telemetry:TenantLabels", "51", "TenantLabels must be between 0 and 50")]
    public async Task A_telemetry_setting_out_of_range_stops_the_start(string setting, string value, string problem)
    {
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?> { [setting] = value });

        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => silo.CreateClient());

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    private async Task<PrometheusText> ScrapeAsync()
    {
        var client = _silo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloFactory.TestAdminKey);
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Runs alone, after the parallel collections: the process-wide meters then count only its silo's work.</summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsTestsCollection;
