namespace Activity.Grains.Analytics.Jobs;

/// <summary>What the coordinator stores: its reminder's period and the tenants stopped or started by hand.</summary>
public sealed class AnalyticsJobsCoordinatorState
{
    /// <summary>Zero until first registered.</summary>
    public TimeSpan Period { get; set; }

    /// <summary>Tenant id → whether its schedule runs, for tenants stopped or started by hand.</summary>
    public Dictionary<string, bool> Running { get; set; } = new(StringComparer.Ordinal);
}
