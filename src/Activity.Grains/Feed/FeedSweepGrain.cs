using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Feed;

/// <summary>
/// One sweep for the whole cluster, on a reminder: reminders survive silo deaths (on PostgreSQL) and
/// fire on whichever silo owns them now, so the sweep neither stops with a silo nor runs once per silo.
/// A tick missed while no silo ran is not replayed; every starting silo sweeps once instead.
/// It also wakes the tenant's other projections (<see cref="TenantProjections"/>) whose log moved since
/// the last sweep, so events whose hand-over was lost reach them even when no later event comes to
/// reveal the gap.
/// </summary>
[GrainType("feed-sweep")]
internal sealed partial class FeedSweepGrain(
    IEventLog log,
    IFeedStore store,
    ILocalSiloDetails silo,
    TimeProvider timeProvider,
    IOptions<FeedOptions> feedOptions,
    IOptions<IngestOptions> ingestOptions,
    TenantProjections projections,
    ILogger<FeedSweepGrain> logger) : Grain, IFeedSweepGrain, IRemindable
{
    private const string ReminderName = "sweep";
    private readonly Dictionary<(string Projection, string TenantId), long> _woken = [];
    private SweepReport? _last;

    public async Task ScheduleAsync()
    {
        var period = feedOptions.Value.SweepInterval;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await SweepAsync();
        }
        catch (Exception exception)
        {
            LogSweepFailed(logger, exception);
        }
    }

    public async Task<SweepReport> SweepAsync()
    {
        var lastSequences = await log.HighWatersAsync(CancellationToken.None);
        var checkpoints = await store.CheckpointsAsync(CancellationToken.None);
        var lagging = lastSequences.Where(l => l.Value > checkpoints.GetValueOrDefault(l.Key)).ToList();
        foreach (var (tenantId, last) in lagging)
        {
            try
            {
                await GrainFactory.GetGrain<IFeedWriterGrain>(tenantId).CatchUpAsync(last);
            }
            catch (Exception exception)
            {
                LogCatchUpFailed(logger, exception, tenantId);
            }
        }

        await WakeProjectionsAsync(lastSequences);

        var now = timeProvider.GetUtcNow();
        var changes = await store.ForgetChangesAsync(now - feedOptions.Value.ChangeRetention, CancellationToken.None);
        var keys = await log.ForgetIdempotencyKeysAsync(now - ingestOptions.Value.IdempotencyWindow, CancellationToken.None);
        if (lagging.Count > 0 || changes > 0 || keys > 0)
        {
            LogSwept(logger, lagging.Count, changes, keys);
        }

        _last = new SweepReport(timeProvider.GetUtcNow(), silo.SiloAddress.ToParsableString(), lagging.Count, changes, keys);
        return _last;
    }

    // The feed's own checkpoints say which feeds lag; the other projections are woken for every tenant
    // whose log moved since this sweep last woke them (all of them, after the sweep's activation).
    private async Task WakeProjectionsAsync(IReadOnlyDictionary<string, long> lastSequences)
    {
        foreach (var projection in projections.All.Where(p => p.Name != TenantProjections.Feed))
        {
            foreach (var (tenantId, last) in lastSequences.Where(l => l.Value > _woken.GetValueOrDefault((projection.Name, l.Key))))
            {
                try
                {
                    await projections.Of(projection, tenantId).CatchUpAsync(last);
                    _woken[(projection.Name, tenantId)] = last;
                }
                catch (Exception exception)
                {
                    LogWakeFailed(logger, exception, projection.Name, tenantId);
                }
            }
        }
    }

    public Task<SweepReport?> LastSweepAsync() => Task.FromResult(_last);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed sweep: caught up {Lagging} lagging feeds, forgot {Changes} change-log entries and {Keys} idempotency keys")]
    private static partial void LogSwept(ILogger logger, int lagging, int changes, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up the feed of tenant {TenantId} failed; the next sweep tries again")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the {Projection} projection of tenant {TenantId} failed; the next sweep tries again")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string projection, string tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A feed sweep failed; the next one tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
