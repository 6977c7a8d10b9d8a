namespace Activity.Domain.Feed;

/// <summary>What happened to a tile.</summary>
public enum TileChangeKind
{
    /// <summary>A new tile (SSE <c>activity.event.created</c>).</summary>
    Created,

    /// <summary>A tile's new state (SSE <c>activity.event.updated</c>).</summary>
    Updated,

    /// <summary>A tile merged into a group (SSE <c>activity.event.removed</c>).</summary>
    Removed,
}

/// <summary>A change to one tile: its new state (created, updated) or its removal (merged into another).</summary>
/// <param name="Kind">Created, updated or removed.</param>
/// <param name="TileId">The tile.</param>
/// <param name="Tile">The tile's state after the change; null for a removal.</param>
/// <param name="MergedInto">For a removal by grouping: the tile that absorbed it.</param>
public sealed record TileChange(TileChangeKind Kind, Guid TileId, Tile? Tile, Guid? MergedInto = null);
