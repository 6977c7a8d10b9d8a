using Activity.Domain.Feed;

namespace Activity.Grains.Projections;

/// <summary>A range of a tenant's log, without its events: what a projection the database computes needs.</summary>
/// <param name="First">The first sequence.</param>
/// <param name="Last">The last sequence.</param>
public sealed record LogRange(long First, long Last) : ILogRange;
