namespace Activity.Domain.Dashboard;

public sealed partial class UserDashboard
{
    /// <summary>An empty dashboard that counts only events after <paramref name="checkpoint"/> (a user erased up to there).</summary>
    public static UserDashboard StartingAfter(string userId, long checkpoint) => new(userId) { Checkpoint = checkpoint };

    /// <summary>
    /// Takes back every vote and comment <paramref name="actorId"/> gave this user's items, from every
    /// count they were in (an erased person). Views hold no actor: see <see cref="ForgetViews"/>. Returns
    /// how many were taken back.
    /// </summary>
    public int ForgetActor(string actorId)
    {
        var removed = _received.RemoveActor(IdHash.Of(actorId));
        foreach (var mark in removed)
        {
            Count(mark, -1);
        }

        return removed.Count;
    }

    /// <summary>Takes back views this user's items received on these UTC days (an erased person's, which the caller found in the log).</summary>
    public void ForgetViews(IEnumerable<DateOnly> days)
    {
        foreach (var day in days)
        {
            _views--;
            _days.Add(day.DayNumber, Viewed, -1);
        }
    }
}
