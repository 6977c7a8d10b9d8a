using Activity.Grains.Analytics.Jobs;
using Activity.Grains.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Activity.Grains;

/// <summary>
/// Once the silo runs, makes sure the cluster's reminders exist: the retention job's and the analytics
/// coordinator's. Every starting silo asks; each grain registers only a missing or changed reminder.
/// </summary>
internal sealed partial class ReminderStarter(IGrainFactory grains, ILogger<ReminderStarter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ScheduleAsync("retention", grains.GetGrain<IRetentionGrain>(0).ScheduleAsync, cancellationToken);
        await ScheduleAsync("analytics jobs", grains.GetGrain<IAnalyticsJobsCoordinator>(0).ScheduleAsync, cancellationToken);
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
