using System.Net;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Silo.Tests.Stats;

public sealed class StatsApiTests(DashboardSiloFixture fixture) : IClassFixture<DashboardSiloFixture>
{
    // The fixture's clock: Monday 2026-01-05 09:00 UTC, the first day of ISO week 2026-02.
    private static readonly DateTimeOffset Now = ActivityCluster.NewClock().GetUtcNow();

    [Fact]
    public async Task Every_section_counts_the_tenants_events()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(
            new { type = "SIGN_UP", actorId = "ann", occurredAt = Now.AddDays(-10) },
            new { type = "SIGN_UP", actorId = "bob" },
            new { type = "sign_in", actorId = "cat" },
            new { type = "submission", actorId = "bob", itemId = "p1" },
            new { type = "submission", actorId = "ann", itemId = "p2", occurredAt = Now.AddDays(-2) },
            new { type = "view", actorId = "cat", itemId = "p1", itemOwnerId = "bob" },
            new { type = "vote", actorId = "cat", itemId = "p1", itemOwnerId = "bob" },
            new { type = "vote", actorId = "ann", itemId = "p1", itemOwnerId = "bob" },
            new { type = "vote_removed", actorId = "ann", itemId = "p1", itemOwnerId = "bob" },
            new { type = "comment", actorId = "cat", itemId = "p1", itemOwnerId = "bob" },
            new { type = "newsletter_subscribed", actorId = "ann" },
            new { type = "newsletter_subscribed", actorId = "bob" },
            new { type = "newsletter_unsubscribed", actorId = "bob" });
        await tenant.DrainAsync();

        var stats = await tenant.Http().GetOkJsonAsync("/api/stats");

        Assert.Equal(
            """{"users":{"totalUsers":3,"registeredUsers":2,"newUsersToday":1,"newUsersThisWeek":1,"newUsersThisMonth":1},"submissions":{"totalSubmissions":2,"submissionsToday":1,"submissionsThisWeek":1,"submissionsThisMonth":2},"activity":{"totalViews":1,"totalVotes":1,"totalComments":1},"newsletter":{"subscribers":1,"subscribedThisWeek":2,"unsubscribedThisWeek":1},"errors":[]}""",
            stats.ToJsonString());
    }

    [Fact]
    public async Task The_admin_key_reads_any_tenants_statistics_by_id()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(new { type = "view", actorId = "ann" });
        await tenant.DrainAsync();

        var stats = await Admin().GetOkJsonAsync($"/api/admin/stats?tenantId={tenant.TenantId}");

        Assert.Equal(1, (int)stats["activity"]!["totalViews"]!);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("?tenantId=ten_0000000000000000", HttpStatusCode.NotFound)]
    [InlineData("?tenantId=../x", HttpStatusCode.NotFound)]
    public async Task The_admin_route_needs_a_tenant_that_exists(string query, HttpStatusCode status)
    {
        var response = await Admin().GetAsync($"/api/admin/stats{query}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_tenant_key_does_not_open_the_admin_route()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.Http().GetAsync($"/api/admin/stats?tenantId={tenant.TenantId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_section_that_cannot_be_read_is_zeros_with_an_error_and_the_rest_still_answer()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" }, new { type = "submission", actorId = "ann" });
        await tenant.DrainAsync();
        await tenant.Http().GetOkJsonAsync("/api/stats");

        // The activity section's stored state is damaged, and its next activation cannot read it.
        var grains = fixture.Silo.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var damaged = await fixture.Database.ScalarAsync(
            "UPDATE orleans_storage SET payload = convert_to('{not json', 'UTF8') WHERE state_name = 'stats' AND key_string = @key RETURNING 1",
            ("key", $"{tenant.TenantId}/activity"));
        Assert.Equal(1, damaged);

        var response = await tenant.Http().GetAsync("/api/stats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("""{"totalViews":0,"totalVotes":0,"totalComments":0}""", stats["activity"]!.ToJsonString());
        Assert.Equal(1, (int)stats["submissions"]!["totalSubmissions"]!);
        var error = Assert.Single(stats["errors"]!.AsArray());
        Assert.Equal("activity", (string?)error!["section"]);
        Assert.Contains("could not be read", (string?)error["message"]);
    }

    private HttpClient Admin() => fixture.Silo.CreateAdminClient();

}
