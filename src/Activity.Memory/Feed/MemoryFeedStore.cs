using System.Globalization;
using Activity.Abstractions.Feed;
using Activity.Domain.Feed;
using Activity.Grains.Feed;
using Orleans.Storage;

namespace Activity.Memory.Feed;

/// <summary>Tiles, reactions, comments and change logs in process memory, for the embedded silo.</summary>
internal sealed class MemoryFeedStore : IFeedStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TenantFeed> _feeds = [];

    public Task<FeedSnapshot> LoadAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var feed = Feed(tenantId);
            var open = feed.LiveTiles
                .GroupBy(t => t.EventType, StringComparer.Ordinal)
                .SelectMany(g => g.Where(t => t.WindowStart == g.Max(x => x.WindowStart)))
                .ToList();
            var openIds = open.Select(t => t.Id).ToHashSet();
            return Task.FromResult(new FeedSnapshot(
                feed.Checkpoint,
                feed.LastChange,
                open,
                [.. feed.Reactions.Where(r => openIds.Contains(r.TileId))]));
        }
    }

    public Task ApplyAsync(string tenantId, FeedBatch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var feed = Feed(tenantId);
            if (feed.Checkpoint != batch.FromCheckpoint)
            {
                throw new InconsistentStateException($"The feed of tenant {tenantId} moved on from checkpoint {batch.FromCheckpoint}.", feed.Checkpoint.ToString(CultureInfo.InvariantCulture), batch.FromCheckpoint.ToString(CultureInfo.InvariantCulture));
            }

            if (batch.Changes.Count > 0)
            {
                EnsureNext(feed, tenantId, batch.Changes[0]);
            }

            foreach (var tile in batch.Created.Concat(batch.Updated))
            {
                feed.Tiles[tile.Id] = tile;
            }

            foreach (var merge in batch.Merged)
            {
                feed.Tiles.Remove(merge.TileId);
                feed.MergedInto[merge.TileId] = merge.Into;
                foreach (var reaction in feed.Reactions.Where(r => r.TileId == merge.TileId).ToList())
                {
                    feed.Reactions.Remove(reaction);
                    if (!feed.Reactions.Any(r => r.TileId == merge.Into && r.UserId == reaction.UserId && r.Type == reaction.Type))
                    {
                        feed.Reactions.Add(reaction with { TileId = merge.Into });
                    }
                }

                for (var i = 0; i < feed.Comments.Count; i++)
                {
                    if (feed.Comments[i].EventId == merge.TileId)
                    {
                        feed.Comments[i] = feed.Comments[i] with { EventId = merge.Into };
                    }
                }
            }

            feed.Changes.AddRange(batch.Changes);
            feed.LastChange = batch.Changes.Count > 0 ? batch.Changes[^1].Sequence : feed.LastChange;
            feed.Checkpoint = batch.ToCheckpoint;
            return Task.CompletedTask;
        }
    }

    public Task<Tile?> FindTileAsync(string tenantId, Guid tileId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var feed = Feed(tenantId);
            var id = feed.MergedInto.GetValueOrDefault(tileId, tileId);
            return Task.FromResult(feed.Tiles.GetValueOrDefault(id));
        }
    }

    public Task<bool> HasReactionAsync(string tenantId, Guid tileId, string userId, ReactionType type, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Feed(tenantId).Reactions.Any(r => r.TileId == tileId && r.UserId == userId && r.Type == type));
        }
    }

    public Task<(int Count, DateTimeOffset? Oldest)> CountReactionsSinceAsync(string tenantId, string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var recent = Feed(tenantId).Reactions.Where(r => r.UserId == userId && r.CreatedAt > since).ToList();
            return Task.FromResult<(int, DateTimeOffset?)>((recent.Count, recent.Count == 0 ? null : recent.Min(r => r.CreatedAt)));
        }
    }

    public Task RecordReactionAsync(string tenantId, Reaction reaction, ReactionCounts counts, FeedChangeRecord change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var feed = Feed(tenantId);
            EnsureNext(feed, tenantId, change);
            feed.Reactions.Add(reaction);
            feed.Tiles[reaction.TileId] = feed.Tiles[reaction.TileId] with { Reactions = counts };
            feed.Changes.Add(change);
            feed.LastChange = change.Sequence;
            return Task.CompletedTask;
        }
    }

    public Task RecordCommentAsync(string tenantId, Comment comment, FeedChangeRecord change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var feed = Feed(tenantId);
            EnsureNext(feed, tenantId, change);
            feed.Comments.Add(comment);
            feed.Changes.Add(change);
            feed.LastChange = change.Sequence;
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<Tile>> ListTilesAsync(string tenantId, long? before, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Tile>>([.. Feed(tenantId).LiveTiles
                .Where(t => before is null || t.Position < before)
                .OrderByDescending(t => t.Position)
                .Take(limit)]);
        }
    }

    public Task<IReadOnlyList<Comment>> ListCommentsAsync(string tenantId, Guid tileId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Comment>>([.. Feed(tenantId).Comments.Where(c => c.EventId == tileId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)]);
        }
    }

    public Task<IReadOnlyList<FeedChangeRecord>> ReadChangesAsync(string tenantId, long after, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FeedChangeRecord>>([.. Feed(tenantId).Changes.Where(c => c.Sequence > after).Take(max)]);
        }
    }

    public Task<long> LastChangeAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Feed(tenantId).LastChange);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(_feeds.Where(f => f.Value.Checkpoint > 0).ToDictionary(f => f.Key, f => f.Value.Checkpoint));
        }
    }

    public Task<int> ForgetChangesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var removed = 0;
            foreach (var feed in _feeds.Values)
            {
                removed += feed.Changes.RemoveAll(c => c.CreatedAt < before);
            }

            return Task.FromResult(removed);
        }
    }

    public Task<FeedTrace> TraceUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var feed = Feed(tenantId);
            var reactions = feed.Reactions.Where(r => r.UserId == userId).ToList();
            var reacted = reactions.Select(r => r.TileId).ToHashSet();
            var tiles = feed.LiveTiles.Where(t => TileScrub.Names(t, userId) || reacted.Contains(t.Id)).ToList();
            var comments = feed.Comments.Where(c => c.UserId == userId).ToList();
            var needle = FeedJson.Serialize(userId);
            var changes = feed.Changes.Where(c => c.Body.Contains(needle, StringComparison.Ordinal)).ToList();
            return Task.FromResult(new FeedTrace(tiles, new HashSet<Guid>(), reactions, comments, changes));
        }
    }

    public Task EraseUserAsync(string tenantId, FeedErasure erasure, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var feed = Feed(tenantId);
            if (feed.Checkpoint != erasure.Checkpoint || feed.LastChange != erasure.FromLastChange)
            {
                throw new InconsistentStateException($"The feed of tenant {tenantId} moved on from change {erasure.FromLastChange}.", feed.LastChange.ToString(CultureInfo.InvariantCulture), erasure.FromLastChange.ToString(CultureInfo.InvariantCulture));
            }

            var removed = erasure.RemovedTiles.ToHashSet();
            foreach (var id in removed)
            {
                feed.Tiles.Remove(id);
            }

            foreach (var pointer in feed.MergedInto.Where(m => removed.Contains(m.Value)).Select(m => m.Key).ToList())
            {
                feed.MergedInto.Remove(pointer);
            }

            foreach (var tile in erasure.ScrubbedTiles.Where(t => feed.Tiles.ContainsKey(t.Id)))
            {
                feed.Tiles[tile.Id] = tile;
            }

            feed.Reactions.RemoveAll(r => r.UserId == erasure.UserId || removed.Contains(r.TileId));
            feed.Comments.RemoveAll(c => c.UserId == erasure.UserId || removed.Contains(c.EventId));
            var rewritten = erasure.Rewritten.ToDictionary(c => c.Sequence);
            for (var i = 0; i < feed.Changes.Count; i++)
            {
                if (rewritten.TryGetValue(feed.Changes[i].Sequence, out var change))
                {
                    feed.Changes[i] = change;
                }
            }

            feed.Changes.AddRange(erasure.Added);
            feed.LastChange += erasure.Added.Count;
            return Task.CompletedTask;
        }
    }

    // Changes continue the stored sequence exactly; anything else means another writer got there first.
    private static void EnsureNext(TenantFeed feed, string tenantId, FeedChangeRecord change)
    {
        if (change.Sequence != feed.LastChange + 1)
        {
            throw new InconsistentStateException($"The change log of tenant {tenantId} moved on from change {change.Sequence - 1}.", feed.LastChange.ToString(CultureInfo.InvariantCulture), (change.Sequence - 1).ToString(CultureInfo.InvariantCulture));
        }
    }

    private TenantFeed Feed(string tenantId)
    {
        if (!_feeds.TryGetValue(tenantId, out var feed))
        {
            _feeds[tenantId] = feed = new TenantFeed();
        }

        return feed;
    }

    private sealed class TenantFeed
    {
        public long Checkpoint { get; set; }

        public Dictionary<Guid, Tile> Tiles { get; } = [];

        public Dictionary<Guid, Guid> MergedInto { get; } = [];

        public List<Reaction> Reactions { get; } = [];

        public List<Comment> Comments { get; } = [];

        public List<FeedChangeRecord> Changes { get; } = [];

        // Kept apart from the change log, which retention trims.
        public long LastChange { get; set; }

        public IEnumerable<Tile> LiveTiles => Tiles.Values;
    }
}
