using Activity.Domain.Dashboard;
using Activity.Domain.Feed;
using Activity.Domain.Time;

namespace Activity.Domain.Tests.Dashboard;

/// <summary>
/// A user's dashboard computed the slow, obvious way from the whole log, the way the product's reference
/// computes it with SQL: first settle which events stand (a removal deletes its match), then count.
/// </summary>
internal sealed class Recomputation
{
    private readonly List<LoggedEvent> _made = [];
    private readonly List<LoggedEvent> _received = [];
    private readonly List<LoggedEvent> _submissions = [];
    private readonly List<LoggedEvent> _views = [];

    public Recomputation(IEnumerable<LoggedEvent> log, string userId)
    {
        foreach (var e in log)
        {
            var kind = Engagement.KindOf(e.Type);
            if (e.ActorId == userId)
            {
                Settle(_made, e, kind, matchActor: false);
                if (kind == EngagementKind.Submission)
                {
                    _submissions.Add(e);
                }
            }

            if (e.ItemOwnerId == userId)
            {
                Settle(_received, e, kind, matchActor: true);
                if (kind == EngagementKind.View)
                {
                    _views.Add(e);
                }
            }
        }
    }

    public DashboardTotals Totals() => new(
        _made.Count,
        _made.Where(e => e.ItemId is not null).Select(e => e.ItemId).Distinct().Count(),
        _received.Count(e => Engagement.KindOf(e.Type) == EngagementKind.Vote),
        _received.Count(e => Engagement.KindOf(e.Type) == EngagementKind.Comment),
        _submissions.Count,
        _views.Count);

    public IEnumerable<WeekEngagement> Weekly(DateTimeOffset now, int weeks) =>
        Enumerable.Range(0, weeks).Select(i =>
        {
            var week = IsoWeek.Of(now).AddWeeks(i - weeks + 1);
            var inWeek = _received.Where(e => IsoWeek.Of(e.OccurredAt) == week).ToList();
            return new WeekEngagement(week.ToString(), $"W{i + 1}", inWeek.Count(IsVote), inWeek.Count(e => !IsVote(e)));
        });

    public IEnumerable<DayEngagement> Daily(DateTimeOffset now, int days) =>
        Enumerable.Range(0, days).Select(i =>
        {
            var date = Weekday.UtcDateOf(now).AddDays(i - days + 1);
            bool On(LoggedEvent e) => Weekday.UtcDateOf(e.OccurredAt) == date;
            return new DayEngagement(date, date.DayOfWeek.ToString()[..3], _submissions.Count(On), _views.Count(On), _received.Count(On));
        });

    public IEnumerable<ItemEngagement> TopItems(int limit) =>
        _received.Select(e => e.ItemId).Concat(_submissions.Select(e => e.ItemId))
            .OfType<string>()
            .Distinct()
            .Select(item => new ItemEngagement(item, _received.Count(e => e.ItemId == item && IsVote(e)), _received.Count(e => e.ItemId == item && !IsVote(e))))
            .Where(i => i.Votes + i.Comments > 0 || _submissions.Any(s => s.ItemId == i.ItemId))
            .OrderByDescending(i => i.Votes + i.Comments)
            .ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .Take(limit);

    private static bool IsVote(LoggedEvent e) => Engagement.KindOf(e.Type) == EngagementKind.Vote;

    // Votes and comments stand until a removal deletes the latest matching one of the same actor on the same item.
    private static void Settle(List<LoggedEvent> standing, LoggedEvent e, EngagementKind kind, bool matchActor)
    {
        switch (kind)
        {
            case EngagementKind.Vote or EngagementKind.Comment:
                standing.Add(e);
                break;
            case EngagementKind.VoteRemoved or EngagementKind.CommentDeleted:
                var wanted = kind == EngagementKind.VoteRemoved ? EngagementKind.Vote : EngagementKind.Comment;
                var commentId = kind == EngagementKind.CommentDeleted ? Engagement.CommentIdOf(e.Payload) : null;
                var match = standing.FindLastIndex(s =>
                    Engagement.KindOf(s.Type) == wanted
                    && s.ItemId == e.ItemId
                    && (!matchActor || s.ActorId == e.ActorId)
                    && (commentId is null || Engagement.CommentIdOf(s.Payload) == commentId));
                if (match >= 0)
                {
                    standing.RemoveAt(match);
                }

                break;
        }
    }
}
