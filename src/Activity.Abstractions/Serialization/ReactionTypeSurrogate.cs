using Activity.Domain.Feed;

namespace Activity.Abstractions.Serialization;

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
