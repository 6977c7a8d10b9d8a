using Activity.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Runtime.Catalog;

/// <summary>Every collection quantum, deactivates activations that have been idle longer than the collection age.</summary>
internal sealed partial class ActivationCollector(ActivationCatalog catalog, IOptions<GrainRuntimeOptions> options, TimeProvider timeProvider, ILogger<ActivationCollector> logger) : IDisposable
{
    private ITimer? _timer;

    public void Start()
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = timeProvider.CreateTimer(static state => ((ActivationCollector)state!).Collect(), this, quantum, quantum);
    }

    public void Stop() => Dispose();

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Collect()
    {
        var collected = catalog.CollectIdle();
        if (collected > 0)
        {
            LogCollected(logger, collected, catalog.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collecting {Collected} idle activations; {Remaining} in the catalog")]
    private static partial void LogCollected(ILogger logger, int collected, int remaining);
}
