using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Analytics.Jobs;

/// <summary>
/// Wakes tenants' analytics jobs on a reminder. A reminder survives silo deaths and cluster restarts (on
/// PostgreSQL) but ticks at most once a minute and does not replay ticks missed while no silo ran: it
/// only wakes; the tenants' grain timers keep the jobs' own intervals, and a wake after downtime runs
/// each overdue job once.
/// </summary>
[GrainType("analytics-jobs-coordinator")]
internal sealed partial class AnalyticsJobsCoordinator(
    [PersistentState("analytics-coordinator", ActivityProviders.Storage)] IPersistentState<AnalyticsJobsCoordinatorState> state,
    IAnalyticsQueries queries,
    TimeProvider timeProvider,
    IOptions<AnalyticsOptions> options,
    ILogger<AnalyticsJobsCoordinator> logger) : Grain, IAnalyticsJobsCoordinator, IRemindable
{
    private const string ReminderName = "analytics-jobs";

    // Wakes this many tenants at once: each wake is a grain call and, the first time, an activation.
    private const int WakesAtOnce = 64;

    public async Task ScheduleAsync()
    {
        var period = options.Value.WakeInterval;
        if (await PeriodicReminder.EnsureAsync(this, ReminderName, period, state.State.Period))
        {
            state.State.Period = period;
            await state.WriteStateAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await WakeAllAsync();
        }
        catch (Exception exception)
        {
            LogWakeFailed(logger, exception);
        }
    }

    public async Task<int> WakeAllAsync()
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var active = await queries.ActiveTenantsAsync(today.AddDays(-options.Value.ActiveDays), CancellationToken.None);
        var woken = active.Where(t => state.State.Running.TryGetValue(t, out var running) ? running : options.Value.AutoStart).ToList();
        foreach (var chunk in woken.Chunk(WakesAtOnce))
        {
            await Task.WhenAll(chunk.Select(WakeAsync));
        }

        return woken.Count;
    }

    public async Task SetRunningAsync(string tenantId, bool running)
    {
        if (state.State.Running.TryGetValue(tenantId, out var was) && was == running)
        {
            return;
        }

        state.State.Running[tenantId] = running;
        await state.WriteStateAsync();
    }

    // One tenant's failure (its silo just died, say) leaves the others woken; the next tick tries again.
    private async Task WakeAsync(string tenantId)
    {
        try
        {
            await GrainFactory.GetGrain<IAnalyticsJobsGrain>(tenantId).WakeAsync();
        }
        catch (Exception exception)
        {
            LogTenantWakeFailed(logger, exception, tenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking the analytics jobs failed; the next tick tries again")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the analytics jobs of tenant {TenantId} failed; the next tick tries again")]
    private static partial void LogTenantWakeFailed(ILogger logger, Exception exception, string tenantId);
}
