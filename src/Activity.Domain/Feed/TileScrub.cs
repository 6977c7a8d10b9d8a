namespace Activity.Domain.Feed;

/// <summary>
/// A tile without a person (erasure): their samples go, they leave the actor list, samples naming them
/// as the item's owner keep the sample without the owner. A tile left with no actor was theirs alone and
/// goes. The count stays: it holds no identity. When their event was the first, the tile's payload and
/// description come from the first event that remains.
/// </summary>
public static class TileScrub
{
    /// <summary>Whether the tile names <paramref name="userId"/> as an actor or item owner.</summary>
    public static bool Names(Tile tile, string userId) =>
        tile.ActorIds.Contains(userId, StringComparer.Ordinal)
        || tile.Samples.Any(s => s.ActorId == userId || s.ItemOwnerId == userId);

    /// <summary>The tile without <paramref name="userId"/>, or null when nothing of it is left.</summary>
    public static Tile? Without(Tile tile, string userId)
    {
        var actors = tile.ActorIds.Where(a => a != userId).ToList();
        if (actors.Count == 0)
        {
            return null;
        }

        var samples = tile.Samples
            .Where(s => s.ActorId != userId)
            .Select(s => s.ItemOwnerId == userId ? s with { ItemOwnerId = null } : s)
            .ToList();
        var firstWasTheirs = tile.Samples.Count > 0 && tile.Samples[0].ActorId == userId;
        var payload = firstWasTheirs ? samples.FirstOrDefault()?.Payload : tile.Payload;
        var description = tile.Count > 1 ? TileDescriptions.Group(tile.EventType, payload, tile.Count, actors) : tile.Description;
        return tile with { ActorIds = actors, Samples = samples, Payload = payload, Description = description };
    }
}
