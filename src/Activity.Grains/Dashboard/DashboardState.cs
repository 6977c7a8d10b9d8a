using Activity.Domain.Dashboard;
using Activity.Domain.Milestones;

namespace Activity.Grains.Dashboard;

/// <summary>What a dashboard grain stores: its snapshot, null until the first save.</summary>
public sealed class DashboardState
{
    /// <summary>The dashboard as of its checkpoint.</summary>
    public DashboardSnapshot? Snapshot { get; set; }

    /// <summary>The user's milestone tracking, null until the first save with rules on.</summary>
    public MilestonesSnapshot? Milestones { get; set; }

    /// <summary>
    /// People erased from this dashboard, by a hash of their id (not the id), and up to which log
    /// sequence their views were taken back: asking again takes none back twice.
    /// </summary>
    public Dictionary<string, long>? ErasedActors { get; set; }
}
