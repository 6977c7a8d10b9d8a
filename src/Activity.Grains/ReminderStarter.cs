using Activity.Grains.Analytics.Jobs;
using Activity.Grains.Reports;
using Activity.Grains.Retention;
using Activity.Grains.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Activity.Grains;

/// <summary>
/// Once the silo runs, makes sure the cluster's reminders exist: the retention job's, the analytics
/// coordinator's and each tenant's reports'. Every starting silo asks; each grain registers only a
/// missing or changed reminder.
/// </summary>
internal sealed partial class ReminderStarter(IGrainFactory grains, ITenantStore tenants, ILogger<ReminderStarter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ScheduleAsync("retention", grains.GetGrain<IRetentionGrain>(0).ScheduleAsync, cancellationToken);
        await ScheduleAsync("analytics jobs", grains.GetGrain<IAnalyticsJobsCoordinator>(0).ScheduleAsync, cancellationToken);
        await ScheduleAsync("reports", () => ScheduleReportsAsync(cancellationToken), cancellationToken);
    }

    // A tenant's reports are scheduled when it is created; this covers tenants older than reports, and a
    // reminder lost with its table. Each grain only registers a missing reminder.
    private async Task ScheduleReportsAsync(CancellationToken cancellationToken)
    {
        foreach (var chunk in (await tenants.ListAsync(cancellationToken)).Chunk(64))
        {
            await Task.WhenAll(chunk.Select(t => grains.GetGrain<IReportsGrain>(t.Id).EnsureScheduledAsync()));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ScheduleAsync(string job, Func<Task> schedule, CancellationToken cancellationToken)
    {
        try
        {
            await schedule().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The silo still serves, and the job can be run by hand; a later silo start schedules it.
            LogScheduleFailed(logger, exception, job);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduling the {Job} reminder failed")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, string job);
}
