using System.Net;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Dashboard;

public sealed class DashboardApiTests(DashboardSiloFixture fixture) : IClassFixture<DashboardSiloFixture>
{
    private static readonly DateTimeOffset Now = ActivityCluster.NewClock().GetUtcNow();

    [Fact]
    public async Task The_summary_counts_what_a_user_made_and_what_their_items_received()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(
            new { type = "submission", actorId = "bob", itemId = "p1" },
            new { type = "vote", actorId = "alice", itemId = "p1", itemOwnerId = "bob" },
            new { type = "comment", actorId = "alice", itemId = "p1", itemOwnerId = "bob", payload = new { commentId = "c1" } },
            new { type = "view", actorId = "carol", itemId = "p1", itemOwnerId = "bob" },
            new { type = "vote", actorId = "bob", itemId = "p7", itemOwnerId = "dan" },
            new { type = "comment", actorId = "bob", itemId = "p7", itemOwnerId = "dan" });
        await tenant.DrainAsync();

        var bob = await tenant.Http().GetOkJsonAsync("/api/dashboard/users/bob");

        Assert.Equal(
            """{"userId":"bob","totalActivity":2,"uniqueItemsInteracted":1,"votesReceived":1,"commentsReceived":1,"submissions":1,"viewsReceived":1}""",
            bob.ToJsonString());
    }

    [Fact]
    public async Task A_user_with_no_events_reads_as_zeros()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var nobody = await tenant.Http().GetOkJsonAsync("/api/dashboard/users/nobody");

        Assert.Equal(0, (int)nobody["totalActivity"]!);
        Assert.Equal(12, (await tenant.Http().GetOkJsonAsync("/api/dashboard/users/nobody/weekly")).AsArray().Count);
        Assert.Empty((await tenant.Http().GetOkJsonAsync("/api/dashboard/users/nobody/top-items")).AsArray());
    }

    [Fact]
    public async Task A_removal_takes_back_its_vote_and_comment_from_every_count()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(
            new { type = "vote", actorId = "alice", itemId = "p1", itemOwnerId = "bob", occurredAt = Now.AddDays(-7) },
            new { type = "comment", actorId = "alice", itemId = "p1", itemOwnerId = "bob", payload = new { commentId = "c1" } },
            new { type = "comment", actorId = "alice", itemId = "p1", itemOwnerId = "bob", payload = new { commentId = "c2" } },
            new { type = "vote_removed", actorId = "alice", itemId = "p1", itemOwnerId = "bob" },
            new { type = "comment_deleted", actorId = "alice", itemId = "p1", itemOwnerId = "bob", payload = new { commentId = "c1" } });
        await tenant.DrainAsync();

        var weekly = await tenant.Http().GetOkJsonAsync("/api/dashboard/users/bob/weekly?weeks=2");
        var alice = await tenant.Http().GetOkJsonAsync("/api/dashboard/users/alice");

        Assert.Equal("""[{"week":"2026-01","label":"W1","votes":0,"comments":0},{"week":"2026-02","label":"W2","votes":0,"comments":1}]""", weekly.ToJsonString());
        Assert.Equal((1, 1), ((int)alice["totalActivity"]!, (int)alice["uniqueItemsInteracted"]!));
    }

    [Fact]
    public async Task Weeks_cross_the_year_boundary_as_ISO_weeks()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "alice", itemId = "p1", itemOwnerId = "bob", occurredAt = "2025-12-28T23:59:00Z" });
        await tenant.DrainAsync();

        var weekly = (await tenant.Http().GetOkJsonAsync("/api/dashboard/users/bob/weekly?weeks=3")).AsArray();

        Assert.Equal(["2025-52", "2026-01", "2026-02"], weekly.Select(w => (string)w!["week"]!));
        Assert.Equal([1, 0, 0], weekly.Select(w => (int)w!["votes"]!));
    }

    [Fact]
    public async Task Days_end_today_oldest_first_with_their_weekday()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(
            new { type = "submission", actorId = "bob", itemId = "p1", occurredAt = Now.AddDays(-1) },
            new { type = "view", actorId = "carol", itemId = "p1", itemOwnerId = "bob" },
            new { type = "vote", actorId = "carol", itemId = "p1", itemOwnerId = "bob" });
        await tenant.DrainAsync();

        var daily = await tenant.Http().GetOkJsonAsync("/api/dashboard/users/bob/daily?days=2");

        Assert.Equal(
            """[{"date":"2026-01-04","day":"Sun","submissions":1,"views":0,"engagement":0},{"date":"2026-01-05","day":"Mon","submissions":0,"views":1,"engagement":1}]""",
            daily.ToJsonString());
        Assert.Equal(7, (await tenant.Http().GetOkJsonAsync("/api/dashboard/users/bob/daily")).AsArray().Count);
    }

    [Fact]
    public async Task Top_items_rank_by_votes_and_comments_received_then_item_id()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(
            new { type = "vote", actorId = "a", itemId = "p2", itemOwnerId = "bob" },
            new { type = "vote", actorId = "a", itemId = "p3", itemOwnerId = "bob" },
            new { type = "comment", actorId = "b", itemId = "p3", itemOwnerId = "bob" },
            new { type = "comment", actorId = "b", itemId = "p1", itemOwnerId = "bob" });
        await tenant.DrainAsync();

        var top = await tenant.Http().GetOkJsonAsync("/api/dashboard/users/bob/top-items?limit=2");

        Assert.Equal("""[{"itemId":"p3","votes":1,"comments":1},{"itemId":"p1","votes":0,"comments":1}]""", top.ToJsonString());
    }

    [Theory]
    [InlineData("weekly?weeks=0", "weeks must be a whole number from 1 to 104")]
    [InlineData("weekly?weeks=105", "weeks must be a whole number from 1 to 104")]
    [InlineData("weekly?weeks=twelve", "weeks must be a whole number from 1 to 104")]
    [InlineData("daily?days=91", "days must be a whole number from 1 to 90")]
    [InlineData("daily?days=-1", "days must be a whole number from 1 to 90")]
    [InlineData("top-items?limit=51", "limit must be a whole number from 1 to 50")]
    [InlineData("top-items?limit=0", "limit must be a whole number from 1 to 50")]
    public async Task A_parameter_out_of_range_is_a_400_that_says_the_range(string route, string message)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.Http().GetAsync($"/api/dashboard/users/bob/{route}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_user_id_longer_than_an_actor_id_may_be_is_a_400()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.Http().GetAsync($"/api/dashboard/users/{new string('u', 257)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 256 characters", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_tenant_sees_only_its_own_users_numbers()
    {
        var a = await FeedClient.CreateAsync(fixture.Silo);
        var b = await FeedClient.CreateAsync(fixture.Silo);
        await a.EmitAsync(new { type = "vote", actorId = "alice", itemId = "p1", itemOwnerId = "bob" });
        await a.DrainAsync();

        Assert.Equal(1, (int)(await a.Http().GetOkJsonAsync("/api/dashboard/users/bob"))["votesReceived"]!);
        Assert.Equal(0, (int)(await b.Http().GetOkJsonAsync("/api/dashboard/users/bob"))["votesReceived"]!);
    }

    [Fact]
    public async Task Dashboards_need_a_tenant_key()
    {
        var response = await fixture.Silo.CreateClient().GetAsync("/api/dashboard/users/bob");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_dashboards_turned_off_the_routes_say_so()
    {
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?> { ["Activity:Dashboards:Enabled"] = "false" });
        var tenant = await FeedClient.CreateAsync(silo);

        var response = await tenant.Http().GetAsync("/api/dashboard/users/bob");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Activity:Dashboards:Enabled", await response.Content.ReadAsStringAsync());
    }

}
