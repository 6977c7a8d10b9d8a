using Activity.Abstractions.Feed;
using Activity.Domain.Feed;
using Activity.Grains.Feed;

namespace Activity.Grains.Tests.Feed;

public sealed class ReactionAndCommentTests
{
    [Fact]
    public async Task A_reaction_counts_once_however_often_it_is_sent()
    {
        await using var feed = await FeedCluster.StartAsync();
        var tile = await feed.EmitAppliedAsync("badge_earned", "author");

        var first = await feed.Feed.ReactAsync(tile, "fan", ReactionType.Hype);
        var repeat = await feed.Feed.ReactAsync(tile, "fan", ReactionType.Hype);

        Assert.Equal((ReactionStatus.Ok, new ReactionCounts(1, 0, 0)), (first.Status, first.Counts));
        Assert.Equal((ReactionStatus.Ok, new ReactionCounts(1, 0, 0)), (repeat.Status, repeat.Counts));
        Assert.Equal(new ReactionCounts(1, 0, 0), (await feed.Store.FindTileAsync(FeedCluster.Tenant, tile, default))!.Reactions);
    }

    [Fact]
    public async Task Nobody_reacts_to_their_own_activity()
    {
        await using var feed = await FeedCluster.StartAsync();
        var tile = await feed.EmitAppliedAsync("badge_earned", "author");

        Assert.Equal(ReactionStatus.OwnActivity, (await feed.Feed.ReactAsync(tile, "author", ReactionType.Respect)).Status);
    }

    [Fact]
    public async Task A_reaction_to_an_unknown_tile_is_not_found()
    {
        await using var feed = await FeedCluster.StartAsync();

        Assert.Equal(ReactionStatus.NotFound, (await feed.Feed.ReactAsync(Guid.CreateVersion7(), "fan", ReactionType.Hype)).Status);
    }

    [Fact]
    public async Task The_eleventh_reaction_in_an_hour_waits_until_the_first_is_an_hour_old()
    {
        await using var feed = await FeedCluster.StartAsync();
        var tiles = new List<Guid>();
        for (var i = 0; i < 11; i++)
        {
            tiles.Add(await feed.EmitAppliedAsync($"type{i}", "author"));
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ReactionStatus.Ok, (await feed.Feed.ReactAsync(tiles[i], "fan", ReactionType.Hype)).Status);
            feed.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var limited = await feed.Feed.ReactAsync(tiles[10], "fan", ReactionType.Hype);

        Assert.Equal(ReactionStatus.RateLimited, limited.Status);
        Assert.Equal(TimeSpan.FromMinutes(50), limited.RetryAfter);
        feed.Time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(ReactionStatus.Ok, (await feed.Feed.ReactAsync(tiles[10], "fan", ReactionType.Hype)).Status);
    }

    [Fact]
    public async Task Reactions_to_a_tile_that_merges_into_a_group_count_for_the_group()
    {
        await using var feed = await FeedCluster.StartAsync();
        var first = await feed.EmitAppliedAsync("vote", "u1");
        var second = await feed.EmitAppliedAsync("vote", "u2");
        await feed.Feed.ReactAsync(first, "fan", ReactionType.Hype);
        await feed.Feed.ReactAsync(second, "fan", ReactionType.Hype);
        await feed.Feed.ReactAsync(second, "other", ReactionType.Tribute);

        await feed.EmitAppliedAsync("vote", "u3");

        var group = Assert.Single(await feed.TilesAsync());
        Assert.Equal(first, group.Id);
        Assert.Equal(new ReactionCounts(1, 0, 1), group.Reactions);
        var later = await feed.Feed.ReactAsync(second, "late", ReactionType.Respect);
        Assert.Equal((ReactionStatus.Ok, first, new ReactionCounts(1, 1, 1)), (later.Status, later.EventId, later.Counts));
    }

    [Fact]
    public async Task A_comment_is_stored_and_announced()
    {
        await using var feed = await FeedCluster.StartAsync();
        var tile = await feed.EmitAppliedAsync("post_create", "author");

        var outcome = await feed.Feed.CommentAsync(tile, "reader", "Great post!");

        var stored = Assert.Single(await feed.Store.ListCommentsAsync(FeedCluster.Tenant, tile, default));
        Assert.Equal(outcome.Comment, stored);
        var message = Assert.Single(await feed.ChangesAsync(after: 1));
        Assert.Equal(FeedChangeKinds.CommentCreated, message.Kind);
        Assert.Equal("Great post!", message.Data().GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_comment_on_a_merged_tile_goes_to_its_group_and_one_on_an_unknown_tile_is_refused()
    {
        await using var feed = await FeedCluster.StartAsync();
        var first = await feed.EmitAppliedAsync("vote", "u1");
        var second = await feed.EmitAppliedAsync("vote", "u2");
        await feed.EmitAppliedAsync("vote", "u3");

        Assert.Equal(first, (await feed.Feed.CommentAsync(second, "reader", "hi")).Comment!.EventId);
        Assert.Null((await feed.Feed.CommentAsync(Guid.CreateVersion7(), "reader", "hi")).Comment);
    }

    [Fact]
    public async Task A_comment_longer_than_500_characters_is_refused()
    {
        await using var feed = await FeedCluster.StartAsync();
        var tile = await feed.EmitAppliedAsync("vote");

        await Assert.ThrowsAsync<ArgumentException>(() => feed.Feed.CommentAsync(tile, "reader", new string('x', 501)));
    }

    [Fact]
    public async Task Tiles_reactions_and_comments_share_one_gapless_sequence()
    {
        await using var feed = await FeedCluster.StartAsync();
        var tile = await feed.EmitAppliedAsync("vote", "author");
        await feed.Feed.ReactAsync(tile, "fan", ReactionType.Hype);
        await feed.Feed.CommentAsync(tile, "fan", "nice");
        await feed.EmitAppliedAsync("comment", "author");

        var messages = await feed.ChangesAsync();

        Assert.Equal([1L, 2, 3, 4], messages.Select(m => m.Sequence));
        Assert.Equal([FeedChangeKinds.Created, FeedChangeKinds.ReactionUpdated, FeedChangeKinds.CommentCreated, FeedChangeKinds.Created], messages.Select(m => m.Kind));
        Assert.Equal(4, await feed.Store.LastChangeAsync(FeedCluster.Tenant, default));
    }
}
