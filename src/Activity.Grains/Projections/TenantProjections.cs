using Activity.Grains.Dashboard;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Projections;

/// <summary>
/// The grains that follow each tenant's log (key: tenant id), by grain type: the ingestor hands every
/// one of them each write's new events, the sweep wakes them, a drain waits for them. The feed always;
/// the dashboard router while dashboards are on.
/// </summary>
public sealed class TenantProjections(IGrainFactory grains, IOptions<DashboardOptions> dashboards)
{
    /// <summary>The grain type of a tenant's feed.</summary>
    public const string Feed = "feed";

    /// <summary>The grain type of a tenant's dashboard router.</summary>
    public const string DashboardRouter = "dashboard-router";

    /// <summary>The grain types of the projections that follow a tenant's log.</summary>
    public IReadOnlyList<string> GrainTypes { get; } = dashboards.Value.Enabled ? [Feed, DashboardRouter] : [Feed];

    /// <summary>The tenant's projection grain of <paramref name="grainType"/>.</summary>
    public IProjectionGrain Of(string grainType, string tenantId) => grains.GetGrain<IProjectionGrain>(GrainId.Create(grainType, tenantId));
}
