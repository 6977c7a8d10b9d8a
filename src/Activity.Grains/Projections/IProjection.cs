using Activity.Domain.Feed;

namespace Activity.Grains.Projections;

/// <summary>
/// Something computed from a tenant's log, range by range in log order, that a <see cref="LogFollower{TBatch}"/>
/// keeps up to date: the follower decides when and what to apply; the projection says what applying
/// means, how to read what it missed, and where its state lives.
/// </summary>
/// <typeparam name="TBatch">What the projection is handed and reads: events, or what it gathers from them.</typeparam>
public interface IProjection<TBatch>
    where TBatch : class, ILogRange
{
    /// <summary>The last log sequence the projection has applied (0: none).</summary>
    long Checkpoint { get; }

    /// <summary>Restores the state stored last, which sets <see cref="Checkpoint"/>.</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>The tenant's last log sequence now: how far a catch-up reads.</summary>
    Task<long> HighWaterAsync(CancellationToken cancellationToken);

    /// <summary>
    /// What the log holds after <paramref name="after"/>, up to <paramref name="upTo"/>, at most
    /// <paramref name="max"/> events, as one batch starting at <c>after + 1</c>; null when it holds nothing there.
    /// </summary>
    Task<TBatch?> ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The part of <paramref name="batch"/> after <paramref name="checkpoint"/> (the batch starts at or
    /// before it and ends after it), or null when the batch cannot be cut: the follower reads the log instead.
    /// </summary>
    TBatch? After(TBatch batch, long checkpoint);

    /// <summary>
    /// Applies batches that follow each other, the first one starting at <c>Checkpoint + 1</c>, and moves
    /// the checkpoint to the last one's end. A projection that writes with each batch writes its
    /// checkpoint with it, guarded by the one it started from, and throws
    /// <see cref="Orleans.Storage.InconsistentStateException"/> when another activation moved on.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<TBatch> batches, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the state with its checkpoint, for projections that keep it in memory between saves
    /// (<see cref="FollowerSettings.SaveInterval"/>); throws <see cref="Orleans.Storage.InconsistentStateException"/>
    /// when another activation saved first.
    /// </summary>
    Task SaveAsync(CancellationToken cancellationToken);
}
