using System.Net;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Analytics;

/// <summary>Analytics values on PostgreSQL.</summary>
public sealed class AnalyticsApiTests(DashboardSiloFixture fixture) : AnalyticsContract(fixture.Silo), IClassFixture<DashboardSiloFixture>;

/// <summary>Analytics values on the embedded silo's memory stores.</summary>
public sealed class EmbeddedAnalyticsApiTests(EmbeddedSiloFixture fixture) : AnalyticsContract(fixture.Silo), IClassFixture<EmbeddedSiloFixture>;

/// <summary>The analytics routes, on a silo whose clock stands at Monday 2026-01-05 09:00 UTC.</summary>
public abstract class AnalyticsContract(SiloFactory silo)
{
    [Fact]
    public async Task User_growth_counts_sign_ups_and_distinct_actors_per_month_with_a_running_total()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(
            new { type = "SIGN_UP", actorId = "ann", occurredAt = "2025-11-10T12:00:00Z" },
            new { type = "page_view", actorId = "ann", occurredAt = "2025-12-20T12:00:00Z" },
            new { type = "sign_up", actorId = "bob", occurredAt = "2025-12-01T00:00:00Z" },
            new { type = "SIGN_UP", actorId = "cat", occurredAt = "2026-01-02T12:00:00Z" },
            new { type = "vote", actorId = "dan", itemId = "p1", occurredAt = "2026-01-03T12:00:00Z" });

        var growth = await GetAsync(tenant, "user-growth?months=6");

        Assert.Equal(
            """[{"month":"2025-08","newUsers":0,"activeUsers":0,"totalUsers":0},{"month":"2025-09","newUsers":0,"activeUsers":0,"totalUsers":0},{"month":"2025-10","newUsers":0,"activeUsers":0,"totalUsers":0},{"month":"2025-11","newUsers":1,"activeUsers":1,"totalUsers":1},{"month":"2025-12","newUsers":1,"activeUsers":2,"totalUsers":2},{"month":"2026-01","newUsers":1,"activeUsers":2,"totalUsers":3}]""",
            growth.ToJsonString());
        Assert.Equal(12, (await GetAsync(tenant, "user-growth")).AsArray().Count);
    }

    [Fact]
    public async Task Activity_trends_count_each_day_per_category_with_every_category_present()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(
            new { type = "SIGN_UP", actorId = "ann", occurredAt = "2026-01-02T12:00:00Z" },
            new { type = "vote", actorId = "ann", itemId = "p1", occurredAt = "2026-01-02T13:00:00Z" },
            new { type = "vote", actorId = "bob", itemId = "p1", occurredAt = "2026-01-04T13:00:00Z" },
            new { type = "invoice.paid", actorId = "bob", occurredAt = "2026-01-04T14:00:00Z" },
            new { type = "vote", actorId = "cat", itemId = "p1", occurredAt = "2025-12-20T13:00:00Z" });

        var days = (await GetAsync(tenant, "activity-trends?days=7")).AsArray();

        Assert.Equal(["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"], days.Select(d => (string?)d!["date"]));
        Assert.Equal([0, 0, 0, 2, 0, 2, 0], days.Select(d => (int)d!["total"]!));
        Assert.Equal((1, 1, 0), ((int)days[3]!["categories"]!["auth"]!, (int)days[3]!["categories"]!["engagement"]!, (int)days[3]!["categories"]!["custom"]!));
        Assert.Equal((1, 1), ((int)days[5]!["categories"]!["engagement"]!, (int)days[5]!["categories"]!["custom"]!));
        Assert.Equal(0, (int)days[6]!["categories"]!["auth"]!);
    }

    [Fact]
    public async Task Top_items_rank_votes_and_comments_net_of_removals_then_the_item_id_with_views()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(
            new { type = "vote", actorId = "ann", itemId = "p1", itemOwnerId = "zed" },
            new { type = "vote", actorId = "bob", itemId = "p1", itemOwnerId = "zed" },
            new { type = "comment", actorId = "bob", itemId = "p1", itemOwnerId = "zed" },
            new { type = "view", actorId = "cat", itemId = "p1", itemOwnerId = "zed" },
            new { type = "vote", actorId = "ann", itemId = "p2", itemOwnerId = "zed" },
            new { type = "vote_removed", actorId = "ann", itemId = "p2", itemOwnerId = "zed" },
            new { type = "view", actorId = "ann", itemId = "p2", itemOwnerId = "zed" },
            new { type = "comment", actorId = "cat", itemId = "p4", itemOwnerId = "zed" },
            new { type = "comment", actorId = "dan", itemId = "p3", itemOwnerId = "zed" });

        var top = await GetAsync(tenant, "top-items?limit=10");

        Assert.Equal(
            """[{"itemId":"p1","votes":2,"comments":1,"views":1},{"itemId":"p3","votes":0,"comments":1,"views":0},{"itemId":"p4","votes":0,"comments":1,"views":0},{"itemId":"p2","votes":0,"comments":0,"views":1}]""",
            top.ToJsonString());
    }

    [Fact]
    public async Task Recent_activity_is_the_newest_events_as_the_audit_log_shows_them()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync([.. Enumerable.Range(0, 25).Select(i => new { type = "page_view", actorId = $"u{i}", status = "ok" })]);

        var recent = await GetAsync(tenant, "recent-activity?limit=20");

        var log = await tenant.Http().GetOkJsonAsync("/api/activity/log?limit=20");
        Assert.Equal(log["entries"]!.ToJsonString(), recent.ToJsonString());
    }

    [Theory]
    [InlineData("user-growth?months=5", "months must be one of 6, 12, 24")]
    [InlineData("activity-trends?days=8", "days must be one of 7, 14, 30")]
    [InlineData("top-items?limit=30", "limit must be one of 10, 20, 50")]
    [InlineData("recent-activity?limit=50", "limit must be one of 10, 20")]
    [InlineData("top-items?limit=ten", "limit must be one of 10, 20, 50")]
    public async Task A_value_the_metric_does_not_offer_is_a_400_that_lists_the_allowed_ones(string path, string says)
    {
        var tenant = await FeedClient.CreateAsync(silo);

        var response = await tenant.Http().GetAsync($"/api/analytics/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_admin_key_names_the_tenant_and_a_tenant_key_reads_only_its_own()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var other = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" });
        using var admin = silo.CreateAdminClient();
        using var anonymous = silo.CreateClient();

        var byAdmin = await admin.GetAsync($"/api/admin/analytics/top-items?tenantId={tenant.TenantId}");
        var adminWithoutTenant = await admin.GetAsync("/api/admin/analytics/top-items");
        var adminUnknownTenant = await admin.GetAsync("/api/admin/analytics/top-items?tenantId=ten_000000000000");
        var othersId = await tenant.Http().GetAsync($"/api/analytics/top-items?tenantId={other.TenantId}");
        var ownId = await tenant.Http().GetAsync($"/api/analytics/top-items?tenantId={tenant.TenantId}");
        var unknownMetric = await tenant.Http().GetAsync("/api/analytics/churn");
        var noKey = await anonymous.GetAsync("/api/analytics/top-items");
        var tenantOnAdminPath = await tenant.Http().GetAsync($"/api/admin/analytics/top-items?tenantId={tenant.TenantId}");
        var adminOnTenantPath = await admin.GetAsync($"/api/analytics/top-items?tenantId={tenant.TenantId}");

        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Contains("\"p1\"", await byAdmin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, adminWithoutTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, adminUnknownTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownMetric.StatusCode);
        Assert.Contains("user-growth, activity-trends, top-items, recent-activity", await unknownMetric.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tenantOnAdminPath.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminOnTenantPath.StatusCode);
        Assert.Contains("The admin key does not open this route", await adminOnTenantPath.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> GetAsync(FeedClient tenant, string path) =>
        await tenant.Http().GetOkJsonAsync($"/api/analytics/{path}");
}
