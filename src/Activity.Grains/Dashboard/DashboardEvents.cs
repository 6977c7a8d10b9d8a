using Activity.Domain.Dashboard;
using Activity.Domain.Feed;

namespace Activity.Grains.Dashboard;

/// <summary>Which events dashboards count, and whose dashboards: the ingestor and the router agree through here.</summary>
internal static class DashboardEvents
{
    /// <summary>Whether any dashboard counts the event.</summary>
    public static bool IsCounted(FeedEvent e) => UsersOf(e).Any();

    /// <summary>
    /// The users whose dashboards count the event: its actor, its item's owner, or both (once when they
    /// are the same). With <paramref name="everyActor"/> (milestone rules are on), every event goes to its actor.
    /// </summary>
    public static IEnumerable<string> UsersOf(FeedEvent e, bool everyActor = false)
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
