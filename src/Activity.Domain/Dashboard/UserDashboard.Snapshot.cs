namespace Activity.Domain.Dashboard;

public sealed partial class UserDashboard
{
    /// <summary>Everything this dashboard holds, for storage.</summary>
    public DashboardSnapshot ToSnapshot() => new(
        UserId,
        Checkpoint,
        _submissions,
        _views,
        [.. _made.Items().Select(m => new ItemMadeSnapshot(m.Item, m.Votes, m.Comments))],
        [.. _received.Items().Select(r => new ItemReceivedSnapshot(
            r.Item,
            r.Submitted,
            [.. _received.MarksOf(_received.IndexOf(r.Item, create: false)).Select(m => new MarkSnapshot(m.Kind == MarkKind.Comment, DateOnly.FromDayNumber(m.Day), m.Actor, m.Comment))]))],
        [.. _days.Buckets.Where(d => _days.Get(d, Submitted) + _days.Get(d, Viewed) > 0).Select(d => new DaySnapshot(DateOnly.FromDayNumber(d), _days.Get(d, Submitted), _days.Get(d, Viewed)))]);

    /// <summary>The dashboard a snapshot describes (one written with ids instead of hashes too).</summary>
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
            var item = made.ItemId is { } id ? IdHash.Of(id.Length == 0 ? null : id) : made.ItemHash;
            for (var v = 0; v < made.Votes; v++)
            {
                dashboard._made.AddVote(item);
            }

            foreach (var comment in made.CommentHashes ?? [.. (made.Comments ?? []).Select(IdHash.Of)])
            {
                dashboard._made.AddComment(item, comment);
            }

            dashboard._votesMade += made.Votes;
            dashboard._commentsMade += made.CommentHashes?.Count ?? made.Comments?.Count ?? 0;
        }

        foreach (var day in snapshot.Days)
        {
            dashboard._days.Add(day.Date.DayNumber, Submitted, day.Submissions);
            dashboard._days.Add(day.Date.DayNumber, Viewed, day.Views);
        }

        foreach (var item in snapshot.Received)
        {
            var index = dashboard._received.IndexOf(item.ItemId, create: true);
            if (item.Submitted)
            {
                dashboard._received.Submit(index);
            }

            foreach (var mark in item.Marks)
            {
                var restored = new Mark(
                    mark.Actor is { } actor ? IdHash.Of(actor) : mark.ActorHash,
                    mark.Actor is not null ? IdHash.Of(mark.CommentId) : mark.CommentHash,
                    index,
                    mark.Date.DayNumber,
                    mark.Comment ? MarkKind.Comment : MarkKind.Vote);
                dashboard._received.Add(restored);
                dashboard.Count(restored, +1);
            }
        }

        return dashboard;
    }
}
