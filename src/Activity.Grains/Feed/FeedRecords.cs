using Activity.Abstractions.Feed;
using Activity.Domain.Feed;

namespace Activity.Grains.Feed;

/// <summary>One entry of a tenant's change log: what SSE clients receive, and replay after a reconnect.</summary>
/// <param name="Sequence">1, 2, 3... per tenant, without gaps: the SSE <c>id:</c>.</param>
/// <param name="Kind">The SSE event name, one of <see cref="FeedChangeKinds"/>.</param>
/// <param name="TileId">The tile it concerns.</param>
/// <param name="Body">The SSE data, JSON.</param>
/// <param name="CreatedAt">When it was written.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.FeedChangeRecord")]
public sealed record FeedChangeRecord(long Sequence, string Kind, Guid? TileId, string Body, DateTimeOffset CreatedAt);

/// <summary>The SSE event names.</summary>
public static class FeedChangeKinds
{
    /// <summary>A new tile; data is the tile.</summary>
    public const string Created = "activity.event.created";

    /// <summary>A tile changed (grouping, reactions); data is the tile.</summary>
    public const string Updated = "activity.event.updated";

    /// <summary>A tile merged into a group; data is <c>{ "id", "mergedInto" }</c>.</summary>
    public const string Removed = "activity.event.removed";

    /// <summary>A tile's reaction counts changed; data is <c>{ "eventId", "counts" }</c>.</summary>
    public const string ReactionUpdated = "activity.reaction.updated";

    /// <summary>A comment was posted; data is the comment.</summary>
    public const string CommentCreated = "activity.comment.created";

    /// <summary>A comment was removed (its author was erased); data is <c>{ "id", "eventId" }</c>.</summary>
    public const string CommentRemoved = "activity.comment.removed";
}

/// <summary>A user's reaction to a tile.</summary>
/// <param name="TileId">The tile.</param>
/// <param name="UserId">Who reacted.</param>
/// <param name="Type">hype, respect or tribute.</param>
/// <param name="CreatedAt">When.</param>
public sealed record Reaction(Guid TileId, string UserId, ReactionType Type, DateTimeOffset CreatedAt);

/// <summary>What an activation of the feed grain starts from.</summary>
/// <param name="Checkpoint">The last log sequence applied to tiles.</param>
/// <param name="LastChange">The last change sequence written.</param>
/// <param name="OpenTiles">The tiles of each type's latest window.</param>
/// <param name="OpenTileReactions">The reactions to those tiles.</param>
public sealed record FeedSnapshot(long Checkpoint, long LastChange, IReadOnlyList<Tile> OpenTiles, IReadOnlyList<Reaction> OpenTileReactions);

/// <summary>A tile merged into a group by the grouping rule.</summary>
/// <param name="TileId">The merged tile; it leaves the feed, and requests naming it go to the group.</param>
/// <param name="Into">The group.</param>
public sealed record TileMerge(Guid TileId, Guid Into);

/// <summary>Everything of a tenant's feed that names a person, as an erasure finds it.</summary>
/// <param name="Tiles">Tiles whose actors or samples name them (as actor or item owner), and tiles they reacted to.</param>
/// <param name="Merged">Which of <paramref name="Tiles"/> were merged into a group (kept only so their old id leads to it).</param>
/// <param name="Reactions">Their reactions.</param>
/// <param name="Comments">Their comments.</param>
/// <param name="Changes">Change-log entries whose text holds their id as a JSON string.</param>
public sealed record FeedTrace(IReadOnlyList<Tile> Tiles, IReadOnlySet<Guid> Merged, IReadOnlyList<Reaction> Reactions, IReadOnlyList<Comment> Comments, IReadOnlyList<FeedChangeRecord> Changes);

/// <summary>What erasing a person writes, in one transaction guarded like every feed write.</summary>
/// <param name="UserId">The person: their reactions and comments go.</param>
/// <param name="Checkpoint">The feed's checkpoint, which must not have moved.</param>
/// <param name="FromLastChange">The last change sequence this was computed from.</param>
/// <param name="RemovedTiles">Tiles that were theirs alone: they go, with every reaction and comment on them.</param>
/// <param name="ScrubbedTiles">Tiles as they stand without them.</param>
/// <param name="RemovedComments">Their comments.</param>
/// <param name="Rewritten">Change-log entries that named them, with new kinds and bodies; sequences stay, so SSE clients can still fill gaps.</param>
/// <param name="Added">New change-log entries telling live clients.</param>
public sealed record FeedErasure(
    string UserId,
    long Checkpoint,
    long FromLastChange,
    IReadOnlyList<Guid> RemovedTiles,
    IReadOnlyList<Tile> ScrubbedTiles,
    IReadOnlyList<Guid> RemovedComments,
    IReadOnlyList<FeedChangeRecord> Rewritten,
    IReadOnlyList<FeedChangeRecord> Added);

/// <summary>Everything one batch of events changes, written in one transaction with the checkpoint.</summary>
/// <param name="FromCheckpoint">The checkpoint this batch was computed from; the write fails if storage holds another.</param>
/// <param name="ToCheckpoint">The last log sequence of the batch.</param>
/// <param name="Created">New tiles.</param>
/// <param name="Updated">Changed tiles (content and reaction counts).</param>
/// <param name="Merged">Tiles merged into groups: their reactions and comments move to the group.</param>
/// <param name="Changes">The change-log entries.</param>
public sealed record FeedBatch(long FromCheckpoint, long ToCheckpoint, IReadOnlyList<Tile> Created, IReadOnlyList<Tile> Updated, IReadOnlyList<TileMerge> Merged, IReadOnlyList<FeedChangeRecord> Changes);
