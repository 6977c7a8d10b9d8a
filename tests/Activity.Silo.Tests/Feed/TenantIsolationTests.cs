using System.Net;

namespace Activity.Silo.Tests.Feed;

public sealed class TenantIsolationTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Fact]
    public async Task A_tenant_sees_none_of_another_tenants_feed()
    {
        var (owner, stranger, tile) = await TwoTenantsAsync();

        Assert.Empty(await stranger.TilesAsync());
        Assert.Single(await owner.TilesAsync());
        Assert.Equal(tile.ToString(), (string?)(await owner.TilesAsync())[0]!["id"]);
    }

    [Fact]
    public async Task Another_tenants_event_id_is_not_found_for_reactions_and_comments()
    {
        var (_, stranger, tile) = await TwoTenantsAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync("/api/activity/reactions", new { eventId = tile, userId = "x", reactionType = "hype" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync("/api/activity/comments", new { eventId = tile, userId = "x", body = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http().GetAsync($"/api/activity/comments?eventId={tile}")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_stream_carries_none_of_it()
    {
        var owner = await FeedClient.CreateAsync(fixture.Silo);
        var stranger = await FeedClient.CreateAsync(fixture.Silo);
        await using var strangers = await stranger.StreamAsync();

        await owner.EmitAppliedAsync("vote", "u1");
        await stranger.EmitAppliedAsync("comment", "u1");

        // The stranger's own event is the first thing its stream carries.
        Assert.Equal("comment", (string?)(await strangers.NextEventAsync()).Json["eventType"]);
    }

    [Fact]
    public async Task Another_tenants_cursor_reveals_nothing_of_theirs()
    {
        var (owner, stranger, _) = await TwoTenantsAsync();
        await owner.EmitAsync(Enumerable.Range(0, 3).Select(i => (object)new { type = $"t{i}", actorId = "u" }).ToArray());
        await owner.DrainAsync();
        var cursor = (string?)(await owner.ListAsync("?limit=1"))["nextCursor"];

        Assert.Empty((await stranger.ListAsync($"?cursor={cursor}"))["events"]!.AsArray());
    }

    private async Task<(FeedClient Owner, FeedClient Stranger, Guid Tile)> TwoTenantsAsync()
    {
        var owner = await FeedClient.CreateAsync(fixture.Silo);
        var stranger = await FeedClient.CreateAsync(fixture.Silo);
        var tile = await owner.EmitAppliedAsync("badge_earned", "author");
        return (owner, stranger, tile);
    }
}
