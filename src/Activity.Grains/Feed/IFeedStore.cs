using Activity.Abstractions.Feed;
using Activity.Domain.Feed;

namespace Activity.Grains.Feed;

/// <summary>
/// Where tiles, reactions, comments and the change log live (memory or PostgreSQL). The feed grain of
/// a tenant is the only writer of that tenant's rows; reads for the REST API come straight from here.
/// </summary>
public interface IFeedStore
{
    /// <summary>The state a feed grain activation starts from.</summary>
    Task<FeedSnapshot> LoadAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a batch and moves the checkpoint, atomically. Throws
    /// <see cref="Orleans.Storage.InconsistentStateException"/> when the stored checkpoint is not
    /// <see cref="FeedBatch.FromCheckpoint"/> (another activation got there first); nothing is written then.
    /// </summary>
    Task ApplyAsync(string tenantId, FeedBatch batch, CancellationToken cancellationToken);

    /// <summary>The tile, or the group it was merged into; null when the tenant has no such tile.</summary>
    Task<Tile?> FindTileAsync(string tenantId, Guid tileId, CancellationToken cancellationToken);

    /// <summary>Whether the user already gave this reaction to this tile.</summary>
    Task<bool> HasReactionAsync(string tenantId, Guid tileId, string userId, ReactionType type, CancellationToken cancellationToken);

    /// <summary>How many reactions the user gave after <paramref name="since"/> (an hour ago: exactly an hour old no longer counts), and when the oldest of them was.</summary>
    Task<(int Count, DateTimeOffset? Oldest)> CountReactionsSinceAsync(string tenantId, string userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Stores a reaction, the tile's new counts and the change-log entry, atomically.</summary>
    Task RecordReactionAsync(string tenantId, Reaction reaction, ReactionCounts counts, FeedChangeRecord change, CancellationToken cancellationToken);

    /// <summary>Stores a comment and its change-log entry, atomically.</summary>
    Task RecordCommentAsync(string tenantId, Comment comment, FeedChangeRecord change, CancellationToken cancellationToken);

    /// <summary>Tiles newest first: positions below <paramref name="before"/> (all when null), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Tile>> ListTilesAsync(string tenantId, long? before, int limit, CancellationToken cancellationToken);

    /// <summary>A tile's comments, oldest first.</summary>
    Task<IReadOnlyList<Comment>> ListCommentsAsync(string tenantId, Guid tileId, CancellationToken cancellationToken);

    /// <summary>Change-log entries after <paramref name="after"/>, in order, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<FeedChangeRecord>> ReadChangesAsync(string tenantId, long after, int max, CancellationToken cancellationToken);

    /// <summary>The tenant's last change sequence (0 when none).</summary>
    Task<long> LastChangeAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Every tenant's checkpoint (tenants that never applied an event are absent).</summary>
    Task<IReadOnlyDictionary<string, long>> CheckpointsAsync(CancellationToken cancellationToken);

    /// <summary>Everything of the tenant's feed that names <paramref name="userId"/> (a scan of the tenant's tiles and change log: erasure is rare).</summary>
    Task<FeedTrace> TraceUserAsync(string tenantId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes an erasure atomically. Throws <see cref="Orleans.Storage.InconsistentStateException"/>
    /// when the checkpoint or the last change moved (another activation wrote); nothing is written then.
    /// </summary>
    Task EraseUserAsync(string tenantId, FeedErasure erasure, CancellationToken cancellationToken);

    /// <summary>Deletes change-log entries written before <paramref name="before"/>; returns how many.</summary>
    Task<int> ForgetChangesAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
