namespace Activity.Domain.Feed;

/// <summary>
/// The changes of one batch of events, folded per tile so clients see each tile's final state once:
/// created then updated is one creation, created then removed is nothing, updated then removed is a
/// removal. Changes come out in the order their tiles were first touched.
/// </summary>
public sealed class TileChangeSet
{
    private readonly List<Guid> _order = [];
    private readonly Dictionary<Guid, TileChange> _changes = [];

    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => _changes.Count == 0;

    /// <summary>Records a new tile.</summary>
    public void Created(Tile tile) => Put(new TileChange(TileChangeKind.Created, tile.Id, tile));

    /// <summary>Records a tile's new state.</summary>
    public void Updated(Tile tile)
    {
        var kind = _changes.TryGetValue(tile.Id, out var earlier) && earlier.Kind == TileChangeKind.Created
            ? TileChangeKind.Created
            : TileChangeKind.Updated;
        Put(new TileChange(kind, tile.Id, tile));
    }

    /// <summary>Records that a tile was merged into <paramref name="mergedInto"/>.</summary>
    public void Removed(Guid tileId, Guid mergedInto)
    {
        if (_changes.TryGetValue(tileId, out var earlier) && earlier.Kind == TileChangeKind.Created)
        {
            // Nobody saw it: it never existed as far as clients and storage know.
            _changes.Remove(tileId);
            _order.Remove(tileId);
            return;
        }

        Put(new TileChange(TileChangeKind.Removed, tileId, null, mergedInto));
    }

    /// <summary>The folded changes, in first-touched order.</summary>
    public IReadOnlyList<TileChange> ToList() => [.. _order.Select(id => _changes[id])];

    private void Put(TileChange change)
    {
        if (!_changes.ContainsKey(change.TileId))
        {
            _order.Add(change.TileId);
        }

        _changes[change.TileId] = change;
    }
}
