using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Retention;

/// <summary>
/// Runs <see cref="IEventRetention"/> on a reminder: reminders survive silo deaths (on PostgreSQL) and
/// fire on whichever silo owns them now. A tick missed while no silo ran is not replayed; the next tick
/// removes everything expired by then, so nothing is left behind, only later.
/// </summary>
[GrainType("event-retention")]
internal sealed partial class RetentionGrain(
    [PersistentState("retention", ActivityProviders.Storage)] IPersistentState<RetentionState> schedule,
    IEventRetention retention,
    ILocalSiloDetails silo,
    TimeProvider timeProvider,
    RetentionMetrics metrics,
    IOptions<RetentionOptions> options,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string ReminderName = "retention";
    private RetentionReport? _last;

    public async Task ScheduleAsync()
    {
        var period = options.Value.Interval;
        if (await PeriodicReminder.EnsureAsync(this, ReminderName, period, schedule.State.Period))
        {
            schedule.State.Period = period;
            await schedule.WriteStateAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await RunAsync();
        }
        catch (Exception exception)
        {
            LogRunFailed(logger, exception);
        }
    }

    public async Task<RetentionReport> RunAsync()
    {
        var started = timeProvider.GetUtcNow();
        var clock = timeProvider.GetTimestamp();
        var result = await retention.ApplyAsync(started, CancellationToken.None);
        _last = new RetentionReport(started, (long)timeProvider.GetElapsedTime(clock).TotalMilliseconds, silo.SiloAddress.ToParsableString(), result);
        metrics.Ran(result.EventsRemoved, result.PartitionsDropped);
        LogRan(logger, result.EventsRemoved, result.PartitionsDropped, result.TenantsRestamped, _last.DurationMs);
        return _last;
    }

    public Task<RetentionReport?> LastRunAsync() => Task.FromResult(_last);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Events} events ({Partitions} partitions dropped, {Tenants} tenants re-stamped) in {DurationMs} ms")]
    private static partial void LogRan(ILogger logger, long events, int partitions, int tenants, long durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The retention job failed; its next tick tries again")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
