using System.Text.Json;
using Activity.Domain.Feed;

namespace Activity.Abstractions.Serialization;

// Activity.Domain stays free of the runtime, so the few domain values that travel between grains and
// clients are serialized through these surrogates: plain records Orleans generates serializers for.

/// <summary>How a <see cref="FeedEvent"/> travels (from the ingestor to a feed grain on another silo).</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.FeedEvent")]
public readonly record struct FeedEventSurrogate(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] string ActorId,
    [property: Id(4)] string? ItemId,
    [property: Id(5)] string? ItemOwnerId,
    [property: Id(6)] DateTimeOffset OccurredAt,
    [property: Id(7)] DateTimeOffset ReceivedAt,
    [property: Id(8)] JsonElement? Payload);

/// <summary>Converts <see cref="FeedEvent"/>.</summary>
[RegisterConverter]
public sealed class FeedEventConverter : IConverter<FeedEvent, FeedEventSurrogate>
{
    /// <inheritdoc />
    public FeedEvent ConvertFromSurrogate(in FeedEventSurrogate s) =>
        new(s.Id, s.Sequence, s.Type, s.ActorId, s.ItemId, s.ItemOwnerId, s.OccurredAt, s.ReceivedAt, s.Payload);

    /// <inheritdoc />
    public FeedEventSurrogate ConvertToSurrogate(in FeedEvent e) =>
        new(e.Id, e.Sequence, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt, e.Payload);
}

/// <summary>How <see cref="ReactionCounts"/> travel.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.ReactionCounts")]
public readonly record struct ReactionCountsSurrogate([property: Id(0)] int Hype, [property: Id(1)] int Respect, [property: Id(2)] int Tribute);

/// <summary>Converts <see cref="ReactionCounts"/>.</summary>
[RegisterConverter]
public sealed class ReactionCountsConverter : IConverter<ReactionCounts, ReactionCountsSurrogate>
{
    /// <inheritdoc />
    public ReactionCounts ConvertFromSurrogate(in ReactionCountsSurrogate s) => new(s.Hype, s.Respect, s.Tribute);

    /// <inheritdoc />
    public ReactionCountsSurrogate ConvertToSurrogate(in ReactionCounts c) => new(c.Hype, c.Respect, c.Tribute);
}

/// <summary>How a <see cref="ReactionType"/> travels: by name, so reordering the enum changes nothing on the wire.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.ReactionType")]
public readonly record struct ReactionTypeSurrogate([property: Id(0)] string Name);

/// <summary>Converts <see cref="ReactionType"/>.</summary>
[RegisterConverter]
public sealed class ReactionTypeConverter : IConverter<ReactionType, ReactionTypeSurrogate>
{
    /// <inheritdoc />
    public ReactionType ConvertFromSurrogate(in ReactionTypeSurrogate s) => Enum.Parse<ReactionType>(s.Name);

    /// <inheritdoc />
    public ReactionTypeSurrogate ConvertToSurrogate(in ReactionType type) => new(type.ToString());
}
