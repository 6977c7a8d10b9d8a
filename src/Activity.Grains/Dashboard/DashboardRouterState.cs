namespace Activity.Grains.Dashboard;

/// <summary>What a dashboard router stores.</summary>
public sealed class DashboardRouterState
{
    /// <summary>Every event of the log up to this sequence has been passed on to the dashboards.</summary>
    public long Delivered { get; set; }

    /// <summary>
    /// Users whose dashboards did not answer a delivery, asked again until they do; null when none.
    /// Stored because the router itself may be deactivated before they answer (its directory entry was
    /// on the silo that died with their dashboards).
    /// </summary>
    public List<string>? Unanswered { get; set; }
}
