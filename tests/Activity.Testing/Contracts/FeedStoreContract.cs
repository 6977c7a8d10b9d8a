using System.Text.Json;
using System.Text.Json.Nodes;
using Activity.Abstractions.Feed;
using Activity.Domain.Feed;
using Activity.Grains.Feed;
using Orleans.Storage;

namespace Activity.Testing.Contracts;

/// <summary>What every <see cref="IFeedStore"/> must do.</summary>
public abstract class FeedStoreContract
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly string _tenant = "ten_" + Guid.NewGuid().ToString("N")[..12];
    private long _lastChange;

    /// <summary>The store under test.</summary>
    protected abstract IFeedStore Store { get; }

    [Fact]
    public async Task A_tenant_with_nothing_applied_starts_empty()
    {
        var snapshot = await Store.LoadAsync(_tenant, default);

        Assert.Equal((0L, 0L), (snapshot.Checkpoint, snapshot.LastChange));
        Assert.Empty(snapshot.OpenTiles);
        Assert.Empty(snapshot.OpenTileReactions);
    }

    [Fact]
    public async Task An_applied_batch_is_what_the_next_activation_starts_from()
    {
        var a = NewTile("vote", Nine, 1, payload: """{"itemTitle":"Post"}""");
        var b = NewTile("vote", Nine, 2);

        await ApplyAsync(0, 5, created: [a, b]);

        var snapshot = await Store.LoadAsync(_tenant, default);
        Assert.Equal((5L, 2L), (snapshot.Checkpoint, snapshot.LastChange));
        AssertTiles([a, b], snapshot.OpenTiles.OrderBy(t => t.Position));
    }

    [Fact]
    public async Task Only_the_latest_window_of_each_type_is_open()
    {
        var oldVote = NewTile("vote", Nine, 1);
        var newVote = NewTile("vote", Nine.AddMinutes(6), 2);
        var comment = NewTile("comment", Nine, 3);

        await ApplyAsync(0, 3, created: [oldVote, newVote, comment]);

        AssertTiles([newVote, comment], (await Store.LoadAsync(_tenant, default)).OpenTiles.OrderBy(t => t.Position));
    }

    [Fact]
    public async Task A_batch_from_a_stale_checkpoint_is_refused_and_writes_nothing()
    {
        await ApplyAsync(0, 5, created: [NewTile("vote", Nine, 1)]);
        var late = NewTile("vote", Nine, 2);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Store.ApplyAsync(_tenant, new FeedBatch(0, 7, [late], [], [], [Change(2, late.Id)]), default));

        Assert.Single(await Store.ListTilesAsync(_tenant, null, 10, default));
        Assert.Equal(5, (await Store.LoadAsync(_tenant, default)).Checkpoint);
        Assert.Equal(1, await Store.LastChangeAsync(_tenant, default));
    }

    [Fact]
    public async Task A_change_that_does_not_continue_the_sequence_is_refused()
    {
        var tile = NewTile("vote", Nine, 1);
        await ApplyAsync(0, 1, created: [tile]);
        var comment = new Comment(Guid.CreateVersion7(), tile.Id, "u1", "hi", Nine);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Store.RecordCommentAsync(_tenant, comment, Change(1, tile.Id), default));

        Assert.Empty(await Store.ListCommentsAsync(_tenant, tile.Id, default));
    }

    [Fact]
    public async Task An_updated_tile_replaces_its_content()
    {
        var tile = NewTile("vote", Nine, 1);
        await ApplyAsync(0, 1, created: [tile]);
        var grown = tile with { Count = 7, Description = "7 votes", ActorIds = ["u1", "u2"], UpdatedAt = Nine.AddMinutes(2), Reactions = new ReactionCounts(1, 2, 3) };

        await ApplyAsync(1, 7, updated: [grown]);

        AssertTiles([grown], [(await Store.FindTileAsync(_tenant, tile.Id, default))!]);
    }

    [Fact]
    public async Task A_merged_tile_leaves_the_feed_and_brings_its_reactions_and_comments_to_the_group()
    {
        var group = NewTile("vote", Nine, 1);
        var merged = NewTile("vote", Nine, 2);
        await ApplyAsync(0, 2, created: [group, merged]);
        await ReactAsync(group.Id, "u2", ReactionType.Hype, new ReactionCounts(1, 0, 0));
        await ReactAsync(merged.Id, "u2", ReactionType.Hype, new ReactionCounts(1, 0, 0));
        await ReactAsync(merged.Id, "u1", ReactionType.Respect, new ReactionCounts(1, 1, 0));
        var comment = new Comment(Guid.CreateVersion7(), merged.Id, "u3", "nice", Nine);
        await Store.RecordCommentAsync(_tenant, comment, Change(++_lastChange, merged.Id), default);

        var grouped = group with { Count = 3, Reactions = new ReactionCounts(1, 1, 0) };
        await ApplyAsync(2, 3, updated: [grouped], merged: [new TileMerge(merged.Id, group.Id)]);

        Assert.Equal([group.Id], (await Store.ListTilesAsync(_tenant, null, 10, default)).Select(t => t.Id));
        Assert.Equal(group.Id, (await Store.FindTileAsync(_tenant, merged.Id, default))!.Id);
        Assert.True(await Store.HasReactionAsync(_tenant, group.Id, "u1", ReactionType.Respect, default));
        Assert.False(await Store.HasReactionAsync(_tenant, merged.Id, "u1", ReactionType.Respect, default));
        Assert.Equal(1, (await Store.CountReactionsSinceAsync(_tenant, "u2", Nine.AddHours(-1), default)).Count);
        Assert.Equal(comment with { EventId = group.Id }, Assert.Single(await Store.ListCommentsAsync(_tenant, group.Id, default)));
        Assert.Equal(2, (await Store.LoadAsync(_tenant, default)).OpenTileReactions.Count);
    }

    [Fact]
    public async Task Tiles_list_newest_first_a_page_at_a_time()
    {
        var tiles = Enumerable.Range(1, 5).Select(i => NewTile($"type{i}", Nine, i)).ToList();
        await ApplyAsync(0, 5, created: tiles);

        Assert.Equal([5L, 4], (await Store.ListTilesAsync(_tenant, null, 2, default)).Select(t => t.Position));
        Assert.Equal([3L, 2], (await Store.ListTilesAsync(_tenant, 4, 2, default)).Select(t => t.Position));
        Assert.Equal([1L], (await Store.ListTilesAsync(_tenant, 2, 2, default)).Select(t => t.Position));
    }

    [Fact]
    public async Task A_reaction_updates_the_tiles_counts_and_counts_toward_the_users_limit()
    {
        var tile = NewTile("vote", Nine, 1);
        await ApplyAsync(0, 1, created: [tile]);

        await ReactAsync(tile.Id, "u1", ReactionType.Tribute, new ReactionCounts(0, 0, 1), at: Nine.AddMinutes(10));
        await ReactAsync(tile.Id, "u1", ReactionType.Hype, new ReactionCounts(1, 0, 1), at: Nine.AddMinutes(20));

        Assert.Equal(new ReactionCounts(1, 0, 1), (await Store.FindTileAsync(_tenant, tile.Id, default))!.Reactions);
        Assert.True(await Store.HasReactionAsync(_tenant, tile.Id, "u1", ReactionType.Tribute, default));
        Assert.False(await Store.HasReactionAsync(_tenant, tile.Id, "u1", ReactionType.Respect, default));
        Assert.Equal((2, (DateTimeOffset?)Nine.AddMinutes(10)), await Store.CountReactionsSinceAsync(_tenant, "u1", Nine, default));
        Assert.Equal((1, (DateTimeOffset?)Nine.AddMinutes(20)), await Store.CountReactionsSinceAsync(_tenant, "u1", Nine.AddMinutes(15), default));
        Assert.Equal((0, (DateTimeOffset?)null), await Store.CountReactionsSinceAsync(_tenant, "u2", Nine, default));
    }

    [Fact]
    public async Task Comments_list_oldest_first()
    {
        var tile = NewTile("vote", Nine, 1);
        await ApplyAsync(0, 1, created: [tile]);
        var comments = Enumerable.Range(0, 3).Select(i => new Comment(Guid.CreateVersion7(), tile.Id, $"u{i}", $"comment {i}", Nine.AddMinutes(i))).ToList();

        foreach (var comment in comments)
        {
            await Store.RecordCommentAsync(_tenant, comment, Change(++_lastChange, tile.Id), default);
        }

        Assert.Equal(comments, await Store.ListCommentsAsync(_tenant, tile.Id, default));
    }

    [Fact]
    public async Task The_change_log_reads_after_an_id_and_keeps_its_last_sequence_through_retention()
    {
        var tile = NewTile("vote", Nine, 1);
        await ApplyAsync(0, 1, created: [tile]);
        for (var i = 0; i < 4; i++)
        {
            await Store.RecordCommentAsync(_tenant, new Comment(Guid.CreateVersion7(), tile.Id, "u", "c", Nine), Change(++_lastChange, tile.Id, Nine.AddHours(i)), default);
        }

        var read = await Store.ReadChangesAsync(_tenant, 2, 2, default);
        Assert.Equal([3L, 4], read.Select(c => c.Sequence));
        Assert.Equal(FeedChangeKinds.CommentCreated, read[0].Kind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"note":"change"}"""), JsonNode.Parse(read[0].Body)));

        await Store.ForgetChangesAsync(Nine.AddHours(1.5), default);

        Assert.Equal([4L, 5], (await Store.ReadChangesAsync(_tenant, 0, 10, default)).Select(c => c.Sequence));
        Assert.Equal(5, await Store.LastChangeAsync(_tenant, default));
        Assert.Equal(5, (await Store.LoadAsync(_tenant, default)).LastChange);
    }

    [Fact]
    public async Task Checkpoints_list_every_tenant_that_applied_events()
    {
        await ApplyAsync(0, 9, created: [NewTile("vote", Nine, 1)]);

        Assert.Equal(9, (await Store.CheckpointsAsync(default))[_tenant]);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_it()
    {
        var tile = NewTile("vote", Nine, 1);
        await ApplyAsync(0, 1, created: [tile]);
        var other = _tenant + "-other";

        Assert.Null(await Store.FindTileAsync(other, tile.Id, default));
        Assert.Empty(await Store.ListTilesAsync(other, null, 10, default));
        Assert.Empty(await Store.ReadChangesAsync(other, 0, 10, default));
    }

    private async Task ApplyAsync(long from, long to, IReadOnlyList<Tile>? created = null, IReadOnlyList<Tile>? updated = null, IReadOnlyList<TileMerge>? merged = null)
    {
        var changes = (created ?? []).Concat(updated ?? []).Select(t => Change(++_lastChange, t.Id)).ToList();
        await Store.ApplyAsync(_tenant, new FeedBatch(from, to, created ?? [], updated ?? [], merged ?? [], changes), default);
    }

    private Task ReactAsync(Guid tileId, string user, ReactionType type, ReactionCounts counts, DateTimeOffset? at = null) =>
        Store.RecordReactionAsync(_tenant, new Reaction(tileId, user, type, at ?? Nine), counts, Change(++_lastChange, tileId), default);

    private static FeedChangeRecord Change(long sequence, Guid tileId, DateTimeOffset? at = null) =>
        new(sequence, FeedChangeKinds.CommentCreated, tileId, """{"note":"change"}""", at ?? Nine);

    private static Tile NewTile(string type, DateTimeOffset windowStart, long position, string? payload = null)
    {
        var id = Guid.CreateVersion7();
        var body = payload is null ? (JsonElement?)null : JsonDocument.Parse(payload).RootElement.Clone();
        return new Tile(id, type, "Vote", "Voted", "thumbs-up", 1, ["u1"], [new TileSample(id, "u1", "item-1", null, windowStart.AddSeconds(-1), body)], body, windowStart, windowStart, default, windowStart, position);
    }

    // Tiles hold JSON payloads, which compare by content, not by reference.
    private static void AssertTiles(IEnumerable<Tile> expected, IEnumerable<Tile> actual)
    {
        var e = JsonSerializer.SerializeToNode(expected.Select(t => (object)new { View = TileView.Of(t), t.Position, t.WindowStart }).ToList(), FeedJson.Options);
        var a = JsonSerializer.SerializeToNode(actual.Select(t => (object)new { View = TileView.Of(t), t.Position, t.WindowStart }).ToList(), FeedJson.Options);
        Assert.True(JsonNode.DeepEquals(e, a), $"expected {e}\nactual   {a}");
    }
}
