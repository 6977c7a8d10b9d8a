using Activity.Grains.Ingest;
using Activity.Runtime.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Feed;

/// <summary>
/// At silo start and every sweep interval: wakes the feed of every tenant whose log is ahead of its
/// checkpoint (events acknowledged before a crash, or whose wake-up was lost), and forgets change-log
/// entries and idempotency keys past their retention.
/// </summary>
internal sealed partial class FeedMaintenance(
    IActivityQueue queue,
    IFeedStore store,
    IGrainFactory grains,
    TimeProvider timeProvider,
    IOptions<FeedOptions> feedOptions,
    IOptions<IngestOptions> ingestOptions,
    ILogger<FeedMaintenance> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Task _sweep = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = feedOptions.Value.SweepInterval;
        _timer = timeProvider.CreateTimer(static state => ((FeedMaintenance)state!).StartSweep(), this, TimeSpan.Zero, interval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        Task sweep;
        lock (_gate)
        {
            sweep = _sweep;
        }

        await sweep.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>One sweep: catch up lagging feeds, then apply retention.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var lastSequences = await queue.LastSequencesAsync(cancellationToken).ConfigureAwait(false);
        var checkpoints = await store.CheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var lagging = lastSequences.Where(l => l.Value > checkpoints.GetValueOrDefault(l.Key)).ToList();
        foreach (var (tenantId, last) in lagging)
        {
            try
            {
                await grains.GetGrain<IFeedGrain>(tenantId).ProcessAsync(last).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogCatchUpFailed(logger, exception, tenantId);
            }
        }

        var now = timeProvider.GetUtcNow();
        var changes = await store.ForgetChangesAsync(now - feedOptions.Value.ChangeRetention, cancellationToken).ConfigureAwait(false);
        var keys = await queue.ForgetIdempotencyKeysAsync(now - ingestOptions.Value.IdempotencyWindow, cancellationToken).ConfigureAwait(false);
        if (lagging.Count > 0 || changes > 0 || keys > 0)
        {
            LogSwept(logger, lagging.Count, changes, keys);
        }
    }

    // Sweeps never overlap: a tick that finds one running leaves it be.
    private void StartSweep()
    {
        lock (_gate)
        {
            if (!_sweep.IsCompleted)
            {
                return;
            }

            _sweep = Task.Run(async () =>
            {
                try
                {
                    await SweepAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    LogSweepFailed(logger, exception);
                }
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed sweep: caught up {Lagging} lagging feeds, forgot {Changes} change-log entries and {Keys} idempotency keys")]
    private static partial void LogSwept(ILogger logger, int lagging, int changes, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up the feed of tenant {TenantId} failed; the next sweep tries again")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A feed sweep failed; the next one tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
