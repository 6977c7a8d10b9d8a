using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Activity.Grains.Feed;

/// <summary>
/// Once the silo runs: makes sure the sweep's reminder exists, and sweeps once (without holding up the
/// start), so events acknowledged before a crash become tiles without waiting for the first tick.
/// </summary>
internal sealed partial class FeedSweepStarter(IGrainFactory grains, ILogger<FeedSweepStarter> logger) : IHostedService
{
    private Task _sweep = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sweep = grains.GetGrain<IFeedSweepGrain>(0);
        try
        {
            await sweep.ScheduleAsync().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The silo still serves; a later start or the reminder table's owner schedules it.
            LogScheduleFailed(logger, exception);
        }

        _sweep = SweepAsync(sweep);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _sweep.WaitAsync(cancellationToken);

    private async Task SweepAsync(IFeedSweepGrain sweep)
    {
        try
        {
            await sweep.SweepAsync();
        }
        catch (Exception exception)
        {
            LogSweepFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduling the feed sweep's reminder failed")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep at silo start failed; the reminder's next tick sweeps")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
