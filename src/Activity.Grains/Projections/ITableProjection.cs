namespace Activity.Grains.Projections;

/// <summary>
/// A projection the database computes from the log itself, range by range, into tables of its own: the
/// silo only says which range to apply (no events travel), and the database writes the projection's
/// checkpoint (a row of <c>projection_checkpoints</c>) in the same transaction, guarded by the previous
/// one. A <see cref="TableProjectionGrain"/> per tenant follows the log for it. Registered by the store
/// that has tables (PostgreSQL); the embedded silo's memory log answers the same reads by scanning.
/// </summary>
public interface ITableProjection
{
    /// <summary>The projection's name: its grain's key prefix and its checkpoint rows' <c>projection</c>.</summary>
    string Name { get; }

    /// <summary>The last log sequence of the tenant the tables include (0: none).</summary>
    Task<long> CheckpointAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The tenant's last log sequence: everything up to it is committed.</summary>
    Task<long> HighWaterAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the tenant's log after <paramref name="from"/> up to <paramref name="to"/> and moves the
    /// checkpoint there; throws <see cref="Orleans.Storage.InconsistentStateException"/> when the checkpoint is
    /// not at <paramref name="from"/> (another writer moved it; nothing was written).
    /// </summary>
    Task ApplyAsync(string tenantId, long from, long to, CancellationToken cancellationToken);
}
