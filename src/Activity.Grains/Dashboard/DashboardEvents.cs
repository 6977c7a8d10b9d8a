using Activity.Domain.Dashboard;
using Activity.Domain.Feed;

namespace Activity.Grains.Dashboard;

/// <summary>Which users' dashboards an event goes to: the router asks here.</summary>
internal static class DashboardEvents
{
    /// <summary>
    /// The users whose dashboards count the event: its actor, its item's owner, or both (once when they
    /// are the same). With <paramref name="everyActor"/> (milestone rules are on), every event goes to its actor.
    /// </summary>
    public static IEnumerable<string> UsersOf(LoggedEvent e, bool everyActor = false)
    {
        var kind = Engagement.KindOf(e.Type);
        var actor = everyActor || Engagement.CountsForActor(kind);
        if (actor)
        {
            yield return e.ActorId;
        }

        if (Engagement.CountsForOwner(kind) && e.ItemOwnerId is { } owner && !(actor && owner == e.ActorId))
        {
            yield return owner;
        }
    }
}
