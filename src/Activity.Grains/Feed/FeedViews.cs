using System.Text.Encodings.Web;
using System.Text.Json;
using Activity.Domain.Feed;

namespace Activity.Grains.Feed;

/// <summary>A tile as clients see it (REST and SSE).</summary>
public sealed record TileView(
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
    ReactionCounts Reactions)
{
    /// <summary>The view of a tile.</summary>
    public static TileView Of(Tile tile) => new(
        tile.Id, tile.EventType, tile.DisplayName, tile.Description, tile.Icon, tile.Count, tile.ActorIds,
        tile.Samples, tile.Payload, tile.CreatedAt, tile.UpdatedAt, tile.Reactions);

    /// <summary>The tile this view shows; its window and position are not in the view (erasure rewrites views, nothing else).</summary>
    public Tile ToTile() => new(
        Id, EventType, DisplayName, Description, Icon, Count, ActorIds, Samples, Payload, CreatedAt, UpdatedAt, Reactions, WindowStart: default, Position: 0);
}

/// <summary>The data of <c>activity.event.removed</c>.</summary>
/// <param name="Id">The removed tile.</param>
/// <param name="MergedInto">The group that absorbed it; null when it went because its only actor was erased.</param>
public sealed record RemovedView(Guid Id, Guid? MergedInto);

/// <summary>The data of <c>activity.comment.removed</c>.</summary>
/// <param name="Id">The comment.</param>
/// <param name="EventId">The tile it was on.</param>
public sealed record CommentRemovedView(Guid Id, Guid EventId);

/// <summary>The data of <c>activity.reaction.updated</c>, and the answer to a reaction.</summary>
/// <param name="EventId">The tile.</param>
/// <param name="Counts">Its counts now.</param>
public sealed record ReactionsView(Guid EventId, ReactionCounts Counts);

/// <summary>How feed data is written as JSON: the change log, SSE and the REST API agree on it.</summary>
public static class FeedJson
{
    /// <summary>
    /// Web defaults (camelCase names), with the same escaping as ASP.NET's JSON responses: "+50 XP"
    /// stays readable instead of "\u002B50 XP".
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes a view for the change log and SSE.</summary>
    public static string Serialize<T>(T view) => JsonSerializer.Serialize(view, Options);
}
