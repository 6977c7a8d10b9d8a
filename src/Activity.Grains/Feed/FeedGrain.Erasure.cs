using System.Text.Json;
using Activity.Abstractions.Feed;
using Activity.Domain.Feed;

namespace Activity.Grains.Feed;

internal sealed partial class FeedGrain
{
    public async Task<FeedErasureReport> EraseAsync(string userId)
    {
        // Whatever is waiting becomes tiles first, so the scrub sees every tile that names them.
        await DrainAsync();
        var trace = await store.TraceUserAsync(TenantId, userId, CancellationToken.None);
        var theirReactions = trace.Reactions.GroupBy(r => r.TileId).ToDictionary(g => g.Key, g => g.Select(r => r.Type).ToList());
        var removed = new HashSet<Guid>();
        var scrubbed = new Dictionary<Guid, Tile>();
        var named = 0;
        foreach (var stored in trace.Tiles)
        {
            // Open-window tiles are current in memory.
            var tile = _windows.Find(stored.Id) ?? stored;
            var names = TileScrub.Names(tile, userId);
            if ((names ? TileScrub.Without(tile, userId) : tile) is not { } kept)
            {
                removed.Add(tile.Id);
                continue;
            }

            named += names ? 1 : 0;
            scrubbed[tile.Id] = theirReactions.TryGetValue(tile.Id, out var types) ? kept with { Reactions = Without(kept.Reactions, types) } : kept;
        }

        var theirComments = trace.Comments.ToDictionary(c => c.Id);
        var now = timeProvider.GetUtcNow();
        var rewritten = trace.Changes.Select(c => Rewrite(c, userId, theirComments)).OfType<FeedChangeRecord>().ToList();

        // Live clients hear of it as of any change; merged tiles are not in their feed.
        var added = new List<FeedChangeRecord>();
        void Add(string kind, Guid tileId, string body) => added.Add(new FeedChangeRecord(_lastChange + added.Count + 1, kind, tileId, body, now));
        foreach (var id in removed.Where(id => !trace.Merged.Contains(id)))
        {
            Add(FeedChangeKinds.Removed, id, FeedJson.Serialize(new RemovedView(id, null)));
        }

        foreach (var tile in scrubbed.Values.Where(t => !trace.Merged.Contains(t.Id)))
        {
            Add(FeedChangeKinds.Updated, tile.Id, FeedJson.Serialize(TileView.Of(tile)));
        }

        foreach (var comment in trace.Comments.Where(c => !removed.Contains(c.EventId)))
        {
            Add(FeedChangeKinds.CommentRemoved, comment.EventId, FeedJson.Serialize(new CommentRemovedView(comment.Id, comment.EventId)));
        }

        var erasure = new FeedErasure(userId, _checkpoint, _lastChange, [.. removed], [.. scrubbed.Values], [.. theirComments.Keys], rewritten, added);
        await WriteAsync(store.EraseUserAsync(TenantId, erasure, CancellationToken.None));

        _lastChange += added.Count;
        _windows.Restore([.. _windows.Tiles.Where(t => !removed.Contains(t.Id)).Select(t => scrubbed.GetValueOrDefault(t.Id) ?? t)]);
        foreach (var (tileId, reactions) in _reactions.ToList())
        {
            reactions.RemoveWhere(r => r.User == userId);
            if (removed.Contains(tileId))
            {
                _reactions.Remove(tileId);
            }
        }

        await PublishAsync(added);
        return new FeedErasureReport(removed.Count, named, trace.Comments.Count, trace.Reactions.Count, rewritten.Count);
    }

    private static ReactionCounts Without(ReactionCounts counts, List<ReactionType> types) => new(
        counts.Hype - types.Count(t => t == ReactionType.Hype),
        counts.Respect - types.Count(t => t == ReactionType.Respect),
        counts.Tribute - types.Count(t => t == ReactionType.Tribute));

    // An entry that named the person, as it must read now: the tile as it was then without them (or its
    // removal, when it was theirs alone), or their comment's removal. Other entries stay (null).
    private static FeedChangeRecord? Rewrite(FeedChangeRecord change, string userId, Dictionary<Guid, Comment> theirComments)
    {
        if (change.Kind is FeedChangeKinds.Created or FeedChangeKinds.Updated
            && JsonSerializer.Deserialize<TileView>(change.Body, FeedJson.Options) is { } view
            && view.ToTile() is var tile
            && TileScrub.Names(tile, userId))
        {
            return TileScrub.Without(tile, userId) is { } kept
                ? change with { Body = FeedJson.Serialize(TileView.Of(kept)) }
                : change with { Kind = FeedChangeKinds.Removed, Body = FeedJson.Serialize(new RemovedView(view.Id, null)) };
        }

        if (change.Kind == FeedChangeKinds.CommentCreated && CommentId(change) is { } commentId && theirComments.TryGetValue(commentId, out var comment))
        {
            return change with { Kind = FeedChangeKinds.CommentRemoved, Body = FeedJson.Serialize(new CommentRemovedView(comment.Id, comment.EventId)) };
        }

        return null;
    }

    private static Guid? CommentId(FeedChangeRecord change)
    {
        using var body = JsonDocument.Parse(change.Body);
        return body.RootElement.TryGetProperty("id", out var id) && id.TryGetGuid(out var guid) ? guid : null;
    }
}
