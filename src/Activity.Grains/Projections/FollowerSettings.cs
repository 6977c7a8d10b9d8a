namespace Activity.Grains.Projections;

/// <summary>How a <see cref="LogFollower{TBatch}"/> paces one projection.</summary>
/// <param name="FlushInterval">
/// Buffered followers: the shortest time between two applies while batches keep coming. A batch handed
/// to a follower that applied nothing for this long is applied at once (by a call the grain makes to
/// itself, which queues behind the calls already waiting, so they join it); within the interval it
/// waits for the rest of it with whatever else comes. Zero applies at every hand-over.
/// </param>
/// <param name="GapPatience">
/// How long a batch after a gap waits for the batches before it (writes that commit close together can
/// be handed over out of order) before the follower reads the log instead. Zero reads at once.
/// </param>
/// <param name="BatchSize">Most events read from the log at a time; more than this waiting after a gap is read at once.</param>
/// <param name="SaveInterval">
/// For projections held in memory between saves: how often a changed projection is saved (and when its
/// grain deactivates, unless the silo is shutting down). Null: the projection writes with each apply.
/// </param>
/// <param name="Inline">Whether a hand-over is applied before it returns (the caller waits for the projection) instead of buffered.</param>
public sealed record FollowerSettings(TimeSpan FlushInterval, TimeSpan GapPatience, int BatchSize, TimeSpan? SaveInterval = null, bool Inline = false);
