namespace Activity.Silo.Cluster;

/// <summary>
/// Puts the called grain's id in the logging scope of every grain call, so whatever a grain (or Orleans
/// on its behalf) logs says which grain, and so which tenant, it was about.
/// </summary>
internal sealed class GrainLogScope(ILoggerFactory loggers) : IIncomingGrainCallFilter
{
    private readonly ILogger _logger = loggers.CreateLogger("Activity.Grains");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        using (_logger.BeginScope(new KeyValuePair<string, object>[] { new("GrainId", context.TargetId) }))
        {
            await context.Invoke();
        }
    }
}
