using Activity.Runtime.Catalog;
using Activity.Runtime.Reminders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Activity.Runtime.Hosting;

/// <summary>
/// The silo's lifecycle as a hosted service: startup tasks, reminders, idle collection; on stop,
/// the reverse, ending with every activation deactivated and its <c>OnDeactivateAsync</c> awaited.
/// </summary>
internal sealed partial class Silo(
    ActivationCatalog catalog,
    ReminderService reminders,
    ActivationCollector collector,
    IEnumerable<ISiloStartupTask> startupTasks,
    ILogger<Silo> logger) : IHostedService, ISiloStatus
{
    private volatile SiloStatus _status = SiloStatus.Created;

    public SiloStatus Status => _status;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _status = SiloStatus.Starting;
        foreach (var task in startupTasks)
        {
            await task.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        await reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        collector.Start();
        _status = SiloStatus.Running;
        LogStarted(logger);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _status = SiloStatus.Stopping;
        collector.Stop();
        reminders.Stop();
        var count = catalog.Count;
        await catalog.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
        _status = SiloStatus.Stopped;
        LogStopped(logger, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo started")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo stopped after deactivating {Count} activations")]
    private static partial void LogStopped(ILogger logger, int count);
}
