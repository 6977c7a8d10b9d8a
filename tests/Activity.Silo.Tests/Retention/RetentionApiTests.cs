using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Silo.Tests.Retention;

/// <summary>Retention over HTTP on PostgreSQL: raw events go, every count built from them stays.</summary>
public sealed class RetentionApiTests(DashboardSiloFixture fixture) : IClassFixture<DashboardSiloFixture>
{
    [Fact]
    public async Task Expired_events_leave_the_audit_log_while_dashboards_stats_tiles_and_the_summary_keep_their_counts()
    {
        var standard = await FeedClient.CreateAsync(fixture.Silo);
        var shortened = await FeedClient.CreateAsync(fixture.Silo);
        using var admin = fixture.Silo.CreateAdminClient();
        var put = await admin.PutAsJsonAsync($"/api/admin/tenants/{shortened.TenantId}", new { retentionDays = 30 });
        Assert.Equal(30, (int)(await put.Content.ReadFromJsonAsync<JsonObject>())!["retentionDays"]!);
        foreach (var tenant in new[] { standard, shortened })
        {
            await tenant.EmitAsync(
                new { type = "SIGN_UP", actorId = "bob" },
                new { type = "submission", actorId = "bob", itemId = "p1" },
                new { type = "vote", actorId = "alice", itemId = "p1", itemOwnerId = "bob" },
                new { type = "comment", actorId = "alice", itemId = "p1", itemOwnerId = "bob" },
                new { type = "view", actorId = "carol", itemId = "p1", itemOwnerId = "bob" });
            await tenant.DrainAsync();
        }

        var before = await CountsAsync(standard);
        // Dashboards write their snapshots when they deactivate, as they do every two minutes anyway.
        await CollectGrainsAsync();
        fixture.Time.Advance(TimeSpan.FromDays(100));

        var run = await admin.PostAsync("/api/admin/retention/run", null);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var result = (await run.Content.ReadFromJsonAsync<JsonObject>())!["result"]!;
        Assert.True((long)result["eventsRemoved"]! >= 10, result.ToJsonString());
        Assert.True((int)result["partitionsDropped"]! >= 1, result.ToJsonString());
        Assert.True((int)result["tenantsRestamped"]! >= 1, result.ToJsonString());
        foreach (var tenant in new[] { standard, shortened })
        {
            var log = await tenant.Http().GetOkJsonAsync("/api/activity/log?from=2026-01-01T00:00:00Z");
            Assert.Empty(log["entries"]!.AsArray());
        }

        Assert.Equal(before, await CountsAsync(standard));
        Assert.Equal(before, await CountsAsync(shortened));
        var lastRun = await admin.GetFromJsonAsync<JsonObject>("/api/admin/retention");
        Assert.Equal((long)result["eventsRemoved"]!, (long)lastRun!["run"]!["result"]!["eventsRemoved"]!);
    }

    [Fact]
    public async Task A_retention_outside_1_to_3650_days_or_an_unknown_field_is_refused_and_changes_nothing()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        using var admin = fixture.Silo.CreateAdminClient();

        var zero = await admin.PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}", new { retentionDays = 0 });
        var unknown = await admin.PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}", new { retentionDays = 30, keepForever = true });
        var missing = await admin.PutAsJsonAsync("/api/admin/tenants/ten_000000000000", new { retentionDays = 30 });

        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("from 1 to 3650", await zero.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/tenants"))!.Single(t => (string)t!["id"]! == tenant.TenantId)!;
        Assert.Equal(90, (int)listed["retentionDays"]!);
    }

    [Fact]
    public async Task Retention_routes_need_the_admin_key()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var run = await tenant.Http().PostAsync("/api/admin/retention/run", null);
        var put = await tenant.Http().PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}", new { retentionDays = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }

    // What the tenant's users see that is built from events: bob's dashboard, the statistics' totals,
    // the feed's tiles and the per-day summary.
    private static async Task<string> CountsAsync(FeedClient tenant)
    {
        var http = tenant.Http();
        var bob = await http.GetOkJsonAsync("/api/dashboard/users/bob");
        var alice = await http.GetOkJsonAsync("/api/dashboard/users/alice");
        var stats = await http.GetOkJsonAsync("/api/stats");
        var tiles = (await tenant.TilesAsync()).Select(t => $"{t!["eventType"]}:{t["count"]}");
        var summary = await http.GetOkJsonAsync("/api/activity/log/summary?from=2026-01-01&to=2026-01-31");
        return string.Join("\n",
            bob.ToJsonString(),
            alice.ToJsonString(),
            stats["users"]!["totalUsers"], stats["users"]!["registeredUsers"], stats["submissions"]!["totalSubmissions"], stats["activity"]!.ToJsonString(),
            string.Join(",", tiles.Order()),
            summary.ToJsonString());
    }

    private async Task CollectGrainsAsync()
    {
        var grains = fixture.Silo.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    }
}
