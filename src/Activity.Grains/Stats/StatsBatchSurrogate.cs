using Activity.Domain.Stats;

namespace Activity.Grains.Stats;

/// <summary>How a <see cref="StatsBatch"/> travels from a router to the section grains.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.StatsBatch")]
public readonly record struct StatsBatchSurrogate(
    [property: Id(0)] long First,
    [property: Id(1)] long Last,
    [property: Id(2)] IReadOnlyList<string> Actors,
    [property: Id(3)] IReadOnlyList<(string Actor, DateOnly Day)> SignUps,
    [property: Id(4)] IReadOnlyList<DateOnly> SubmissionDays,
    [property: Id(5)] int Views,
    [property: Id(6)] IReadOnlyList<(string Actor, bool Subscribed, DateOnly Day)> Newsletter,
    [property: Id(7)] IReadOnlyList<string> Engaged);

/// <summary>Converts <see cref="StatsBatch"/>.</summary>
[RegisterConverter]
public sealed class StatsBatchConverter : IConverter<StatsBatch, StatsBatchSurrogate>
{
    /// <inheritdoc />
    public StatsBatch ConvertFromSurrogate(in StatsBatchSurrogate s) => new(s.First, s.Last, s.Actors, s.SignUps, s.SubmissionDays, s.Views, s.Newsletter, s.Engaged);

    /// <inheritdoc />
    public StatsBatchSurrogate ConvertToSurrogate(in StatsBatch b) => new(b.First, b.Last, b.Actors, b.SignUps, b.SubmissionDays, b.Views, b.Newsletter, b.Engaged);
}
