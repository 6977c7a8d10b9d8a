namespace Activity.Grains.Dashboard;

/// <summary>A view an erased person gave a user's item.</summary>
/// <param name="Sequence">Its place in the log.</param>
/// <param name="Day">The UTC day it was counted in.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.ErasedView")]
public sealed record ErasedView([property: Id(0)] long Sequence, [property: Id(1)] DateOnly Day);
