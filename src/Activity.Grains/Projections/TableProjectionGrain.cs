using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace Activity.Grains.Projections;

/// <summary>
/// Follows one tenant's log for one <see cref="ITableProjection"/> (key: <c>{projection}/{tenant id}</c>):
/// takes the ranges the ingestor hands over and has the database apply them, one transaction per flush
/// (at most one a <see cref="TableProjectionOptions.FlushInterval"/>, so a busy tenant's ranges are
/// applied together). A range after a gap needs no patience: the log commits a tenant's sequences in
/// order, so everything before a range handed over is in the log.
/// </summary>
[GrainType(TenantProjections.Table)]
[RandomPlacement]
internal sealed partial class TableProjectionGrain(
    IServiceProvider services,
    TimeProvider timeProvider,
    IOptions<TableProjectionOptions> options,
    ILogger<TableProjectionGrain> logger) : Grain, IProjectionGrain, IProjection<LogRange>
{
    private ITableProjection _projection = null!;
    private LogFollower<LogRange> _follower = null!;
    private string _tenantId = null!;
    private long _checkpoint;

    long IProjection<LogRange>.Checkpoint => _checkpoint;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (var name, _tenantId) = TenantProjections.ParseTableKey(this.GetPrimaryKeyString());
        _projection = services.GetRequiredKeyedService<ITableProjection>(name);
        var settings = new FollowerSettings(options.Value.FlushInterval, TimeSpan.Zero, options.Value.BatchSize);
        _follower = new LogFollower<LogRange>(this, this, settings, timeProvider, logger, () => this.AsReference<IProjectionGrain>().FlushAsync());

        // No catch-up here: a projection far behind (new, or reset by retention) catches up when the next
        // range or the sweep wakes it, in reads of BatchSize, not in an activation.
        return _follower.StartAsync(catchUp: false);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _follower.StopAsync(reason);

    public Task AppendedAsync(EventBatch batch) => _follower.HandOverAsync(new LogRange(batch.First, batch.Last));

    public Task FlushAsync() => _follower.FlushAsync();

    public Task CatchUpAsync(long lastSequence) => _follower.CatchUpToAsync(lastSequence);

    public Task<int> DrainAsync() => _follower.DrainAsync();

    async Task IProjection<LogRange>.LoadAsync(CancellationToken cancellationToken) =>
        _checkpoint = await _projection.CheckpointAsync(_tenantId, cancellationToken);

    Task<long> IProjection<LogRange>.HighWaterAsync(CancellationToken cancellationToken) => _projection.HighWaterAsync(_tenantId, cancellationToken);

    async Task<LogRange?> IProjection<LogRange>.ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken)
    {
        var last = Math.Min(Math.Min(upTo, after + max), await _projection.HighWaterAsync(_tenantId, cancellationToken));
        return last > after ? new LogRange(after + 1, last) : null;
    }

    LogRange? IProjection<LogRange>.After(LogRange batch, long checkpoint) => new(checkpoint + 1, batch.Last);

    async Task IProjection<LogRange>.ApplyAsync(IReadOnlyList<LogRange> batches, CancellationToken cancellationToken)
    {
        var last = batches[^1].Last;
        try
        {
            while (_checkpoint < last)
            {
                try
                {
                    await _projection.ApplyAsync(_tenantId, _checkpoint, last, cancellationToken);
                    _checkpoint = last;
                }
                catch (InconsistentStateException)
                {
                    // Another writer moved the checkpoint: a read that caught the tables up (analytics_catch_up)
                    // or another activation. What it applied is exact, being the database's own work from the
                    // log, so go on from where it stopped instead of failing this call (a drain, say). A
                    // checkpoint moved back (retention reset the projection) starts this activation over.
                    var stored = await _projection.CheckpointAsync(_tenantId, cancellationToken);
                    if (stored <= _checkpoint)
                    {
                        throw;
                    }

                    _checkpoint = stored;
                }
            }
        }
        catch (Exception exception)
        {
            // The write failed, or the checkpoint went back: start over from the stored one.
            LogApplyFailed(logger, exception, _projection.Name, _tenantId, _checkpoint);
            this.DeactivateOnIdle();
            throw;
        }
    }

    Task IProjection<LogRange>.SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the {Projection} projection of tenant {TenantId} from checkpoint {Checkpoint} failed; this activation starts over from the stored checkpoint")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string projection, string tenantId, long checkpoint);
}
