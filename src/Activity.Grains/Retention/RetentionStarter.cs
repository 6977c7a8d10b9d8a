using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Activity.Grains.Retention;

/// <summary>Once the silo runs, makes sure the retention job's reminder exists (every starting silo asks; it is idempotent).</summary>
internal sealed partial class RetentionStarter(IGrainFactory grains, ILogger<RetentionStarter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IRetentionGrain>(0).ScheduleAsync().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The silo still serves; a later start schedules it, and an admin can run it on demand.
            LogScheduleFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduling the retention job's reminder failed")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception);
}
