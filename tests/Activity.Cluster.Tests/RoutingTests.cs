using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Activity.Testing;
using Xunit.Abstractions;

namespace Activity.Cluster.Tests;

/// <summary>Three silo processes on one database: grains live on one silo and answer through any.</summary>
public sealed class RoutingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Three_silos_started_at_once_on_an_empty_database_form_one_cluster()
    {
        foreach (var observer in _cluster.Silos)
        {
            foreach (var silo in _cluster.Silos)
            {
                Assert.Equal("Active", await ClusterView.StatusAsync(observer, silo));
            }
        }
    }

    [Fact]
    public async Task A_feed_grain_on_one_silo_serves_calls_through_another_and_live_clients_on_a_third()
    {
        var tenant = await TenantHttp.CreateAsync(_cluster.Silos[0]);
        await tenant.EmitAsync(_cluster.Silos[0], "deployment");
        await ProcessCluster.DrainAsync(_cluster.Silos[0], tenant.Id);
        var home = (await ClusterView.FeedSiloAsync(_cluster.Silos[0], tenant.Id, _cluster.Silos))!;
        var caller = _cluster.Silos.First(s => s != home);
        var watcher = _cluster.Silos.Single(s => s != home && s != caller);
        await using var reader = await LiveReader.StartAsync(watcher, () => null, tenant.ApiKey);

        for (var i = 0; i < 3; i++)
        {
            await tenant.EmitAsync(caller, "vote", $"u{i}");
        }

        await ProcessCluster.DrainAsync(caller, tenant.Id);
        var last = (long)(await _cluster.Database.ScalarAsync("SELECT last_change FROM feed_checkpoints WHERE tenant_id = @tenant", ("tenant", tenant.Id)))!;
        await reader.WaitForAsync(last);

        // Every change after the one made before the client connected, once, in order (how many there
        // are depends on how the three writes were gathered), and the group of three as the last word.
        Assert.Equal(Enumerable.Range(2, (int)last - 1).Select(i => (long)i), reader.Ids);
        Assert.Equal(3, await _cluster.Database.ScalarAsync("SELECT count FROM tiles WHERE tenant_id = @tenant AND event_type = 'vote' AND merged_into IS NULL", ("tenant", tenant.Id)));
        Assert.Equal(home, await ClusterView.FeedSiloAsync(watcher, tenant.Id, _cluster.Silos));
    }

    [Fact]
    public async Task A_rotated_key_is_refused_by_every_silo_as_soon_as_the_rotation_answers()
    {
        var tenant = await TenantHttp.CreateAsync(_cluster.Silos[0]);
        foreach (var silo in _cluster.Silos)
        {
            // Every silo now remembers the key for a minute.
            Assert.Equal(HttpStatusCode.OK, await tenant.ListStatusAsync(silo));
        }

        using var admin = ProcessCluster.Admin(_cluster.Silos[1]);
        var rotated = await admin.PostAsync($"/api/admin/tenants/{tenant.Id}/rotate-key", null);
        var fresh = (string)JsonNode.Parse(await rotated.Content.ReadAsStringAsync())!["apiKey"]!;

        foreach (var silo in _cluster.Silos)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await tenant.ListStatusAsync(silo));
            Assert.Equal(HttpStatusCode.OK, await tenant.ListStatusAsync(silo, fresh));
        }
    }

    [Fact]
    public async Task A_rotation_ends_the_streams_of_the_old_key_and_its_tokens_on_every_silo()
    {
        var tenant = await TenantHttp.CreateAsync(_cluster.Silos[0]);
        using var server = TenantHttp.Http(_cluster.Silos[0], tenant.ApiKey);
        var minted = await server.PostAsync("/api/activity/tokens", new StringContent("""{"userId":"ann"}""", System.Text.Encoding.UTF8, "application/json"));
        var token = (string)JsonNode.Parse(await minted.Content.ReadAsStringAsync())!["token"]!;
        var streams = new List<(HttpClient Client, StreamReader Reader)>();
        foreach (var (silo, credential) in new[] { (_cluster.Silos[0], tenant.ApiKey), (_cluster.Silos[1], token), (_cluster.Silos[2], token) })
        {
            var http = TenantHttp.Http(silo, credential);
            var response = await http.GetAsync("/api/activity/stream", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("retry:", await reader.ReadLineAsync());
            streams.Add((http, reader));
        }

        using var admin = ProcessCluster.Admin(_cluster.Silos[2]);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/tenants/{tenant.Id}/rotate-key", null)).StatusCode);

        foreach (var (http, reader) in streams)
        {
            // The stream ends: the reader meets its end (keepalives come only every 25 s).
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (await reader.ReadLineAsync(patience.Token) is not null)
            {
            }

            reader.Dispose();
            http.Dispose();
        }

        output.WriteLine($"The streams on three silos ended {started.ElapsedMilliseconds} ms after the rotation was asked for.");
    }

    [Fact]
    public async Task The_dashboard_is_behind_the_admin_key_and_a_browser_can_give_it_as_a_password()
    {
        using var http = new HttpClient { BaseAddress = _cluster.Silos[2].BaseAddress };

        var refused = await http.GetAsync("/dashboard/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ops:"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(SiloFactory.TestAdminKey)).ToArray()));
        var allowed = await http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("Basic", refused.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
