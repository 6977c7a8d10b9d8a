using System.Net;
using System.Text.Json.Nodes;

namespace Activity.Silo.Tests.Feed;

public sealed class PaginationTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Fact]
    public async Task Pages_come_newest_first_twenty_by_default_until_the_cursor_runs_out()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var ids = await EmitDistinctAsync(tenant, 45);

        var first = await tenant.ListAsync();
        var second = await tenant.ListAsync($"?cursor={first["nextCursor"]}");
        var third = await tenant.ListAsync($"?cursor={second["nextCursor"]}");

        Assert.Equal(20, first["events"]!.AsArray().Count);
        Assert.Equal(20, second["events"]!.AsArray().Count);
        Assert.Equal(5, third["events"]!.AsArray().Count);
        Assert.Null(third["nextCursor"]);
        Assert.Equal(ids.Reverse().Select(i => i.ToString()), Ids(first, second, third));
    }

    [Fact]
    public async Task Events_arriving_between_pages_cause_no_repeat_and_no_skip()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var before = await EmitDistinctAsync(tenant, 12);

        var first = await tenant.ListAsync("?limit=5");
        await EmitDistinctAsync(tenant, 7, prefix: "later");
        var second = await tenant.ListAsync($"?limit=5&cursor={first["nextCursor"]}");
        await EmitDistinctAsync(tenant, 3, prefix: "even-later");
        var third = await tenant.ListAsync($"?limit=5&cursor={second["nextCursor"]}");

        Assert.Equal(before.Reverse().Select(i => i.ToString()), Ids(first, second, third));
        Assert.Null(third["nextCursor"]);
    }

    [Fact]
    public async Task The_first_page_says_which_stream_id_to_resume_from()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await EmitDistinctAsync(tenant, 3);

        var page = await tenant.ListAsync();

        Assert.Equal(3, (long)page["lastEventId"]!);
        Assert.Null((await tenant.ListAsync($"?cursor={(await tenant.ListAsync("?limit=1"))["nextCursor"]}"))["lastEventId"]);
    }

    [Theory]
    [InlineData("?limit=51", "from 1 to 50")]
    [InlineData("?limit=0", "from 1 to 50")]
    [InlineData("?limit=ten", "from 1 to 50")]
    [InlineData("?cursor=not-a-cursor", "nextCursor of the previous page")]
    [InlineData("?cursor=AQAAAAAAAAAA", "nextCursor of the previous page")]
    public async Task A_bad_limit_or_cursor_is_refused_saying_what_to_send(string query, string message)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.Http().GetAsync($"/api/activity/events{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    private static async Task<IReadOnlyList<Guid>> EmitDistinctAsync(FeedClient tenant, int count, string prefix = "type")
    {
        // Distinct types: every event is a tile of its own.
        var ids = await tenant.EmitAsync(Enumerable.Range(0, count).Select(i => (object)new { type = $"{prefix}{i}", actorId = "u1" }).ToArray());
        await tenant.DrainAsync();
        return ids;
    }

    private static IEnumerable<string?> Ids(params JsonNode[] pages) =>
        pages.SelectMany(p => p["events"]!.AsArray()).Select(t => (string?)t!["id"]);
}
