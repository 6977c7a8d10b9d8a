using Activity.Grains.Projections;

namespace Activity.Grains.Dashboard;

/// <summary>
/// A tenant's dashboard router (key: tenant id): a projection of the tenant's log that passes each
/// user's share to their dashboard, one call per user per flush, and each range to the tenant's
/// statistics sections.
/// </summary>
[Alias("activity.IDashboardRouterGrain")]
public interface IDashboardRouterGrain : IProjectionGrain;
