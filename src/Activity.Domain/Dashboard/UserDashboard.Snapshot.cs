namespace Activity.Domain.Dashboard;

public sealed partial class UserDashboard
{
    /// <summary>Everything this dashboard holds, for storage.</summary>
    public DashboardSnapshot ToSnapshot() => new(
        UserId,
        Checkpoint,
        _submissions,
        _views,
        [.. _made.Select(m => new ItemMadeSnapshot(m.Key, m.Value.Votes, m.Value.Comments ?? []))],
        [.. _received.Select(r => new ItemReceivedSnapshot(
            r.Key,
            r.Value.Submitted,
            [.. (r.Value.Marks ?? []).Select(m => new MarkSnapshot(m.Kind == MarkKind.Comment, m.Actor, m.CommentId, DateOnly.FromDayNumber(m.Day)))]))],
        [.. _days.Buckets.Where(d => _days.Get(d, Submitted) + _days.Get(d, Viewed) > 0).Select(d => new DaySnapshot(DateOnly.FromDayNumber(d), _days.Get(d, Submitted), _days.Get(d, Viewed)))]);

    /// <summary>The dashboard a snapshot describes.</summary>
    public static UserDashboard Restore(DashboardSnapshot snapshot)
    {
        var dashboard = new UserDashboard(snapshot.UserId)
        {
            Checkpoint = snapshot.Checkpoint,
            _submissions = snapshot.Submissions,
            _views = snapshot.Views,
        };

        foreach (var made in snapshot.Made)
        {
            dashboard._made[made.ItemId] = new ItemMade { Votes = made.Votes, Comments = made.Comments.Count > 0 ? [.. made.Comments] : null };
            dashboard._votesMade += made.Votes;
            dashboard._commentsMade += made.Comments.Count;
        }

        foreach (var day in snapshot.Days)
        {
            dashboard._days.Add(day.Date.DayNumber, Submitted, day.Submissions);
            dashboard._days.Add(day.Date.DayNumber, Viewed, day.Views);
        }

        foreach (var item in snapshot.Received)
        {
            var received = dashboard.Received(item.ItemId);
            received.Submitted = item.Submitted;
            foreach (var mark in item.Marks)
            {
                dashboard.Count(received, new Mark(mark.Comment ? MarkKind.Comment : MarkKind.Vote, mark.Actor, mark.CommentId, mark.Date.DayNumber), +1);
            }
        }

        return dashboard;
    }
}
