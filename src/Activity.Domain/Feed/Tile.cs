using System.Text.Json;

namespace Activity.Domain.Feed;

/// <summary>
/// One entry of a tenant's feed: a single event, or a group of events of one type in one window.
/// </summary>
/// <param name="Id">The id of the window's first event.</param>
/// <param name="EventType">The type of every event in the tile.</param>
/// <param name="DisplayName">From the event catalog.</param>
/// <param name="Description">From the catalog's template: the event's for one event, the group's for several.</param>
/// <param name="Icon">From the event catalog.</param>
/// <param name="Count">How many events the tile stands for.</param>
/// <param name="ActorIds">Distinct actors, first come first listed, at most <see cref="GroupingRules.MaxActorIds"/>.</param>
/// <param name="Samples">The first events, at most <see cref="GroupingRules.Samples"/>.</param>
/// <param name="Payload">The first event's payload.</param>
/// <param name="CreatedAt">When the first event was received.</param>
/// <param name="UpdatedAt">When the latest event was received.</param>
/// <param name="Reactions">Reaction counts.</param>
/// <param name="WindowStart">When the tile's window opened.</param>
/// <param name="Position">Where the tile sits in the feed: higher is newer; fixed when the tile is created.</param>
public sealed record Tile(
    Guid Id,
    string EventType,
    string DisplayName,
    string Description,
    string Icon,
    int Count,
    IReadOnlyList<string> ActorIds,
    IReadOnlyList<TileSample> Samples,
    JsonElement? Payload,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ReactionCounts Reactions,
    DateTimeOffset WindowStart,
    long Position);

/// <summary>One event inside a tile.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ItemId">What it was done to.</param>
/// <param name="ItemOwnerId">Whose item that is.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Payload">Its payload.</param>
public sealed record TileSample(Guid EventId, string ActorId, string? ItemId, string? ItemOwnerId, DateTimeOffset OccurredAt, JsonElement? Payload);
