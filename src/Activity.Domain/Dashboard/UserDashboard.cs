using Activity.Domain.Feed;
using Activity.Domain.Time;

namespace Activity.Domain.Dashboard;

/// <summary>
/// One user's engagement numbers, kept up to date event by event: what they made (votes, comments,
/// submissions) and what they received on their items (votes, comments, views), with the ISO week
/// and UTC day each was counted in. Applying a tenant's log in order gives the same numbers as
/// recomputing them from the whole log; <see cref="Checkpoint"/> makes a repeated event a no-op.
/// </summary>
/// <remarks>
/// A removal takes back one earlier event from every count it was in: <c>vote_removed</c> the actor's
/// latest counted vote on the item, <c>comment_deleted</c> the actor's comment it names by
/// <c>payload.commentId</c> (or, naming none, the actor's latest counted comment on the item). Each side
/// matches within the events it saw: the actor's own, and those that named this user as the item's
/// owner. Week and day buckets are kept for <see cref="WeeksKept"/> weeks and <see cref="DaysKept"/> days
/// behind the newest event; totals and per-item counts are kept forever.
/// </remarks>
public sealed partial class UserDashboard
{
    /// <summary>The most days a daily read can ask for.</summary>
    public const int DaysKept = 90;

    /// <summary>The most weeks a weekly read can ask for.</summary>
    public const int WeeksKept = 104;

    // The item key of events that name no item: they count in totals, never as an item.
    private const string NoItem = "";

    private readonly Dictionary<string, ItemMade> _made = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemReceived> _received = new(StringComparer.Ordinal);
    private readonly Dictionary<int, DayCounts> _days = [];
    private readonly Dictionary<IsoWeek, WeekCounts> _weeks = [];
    private int _votesMade;
    private int _commentsMade;
    private int _votesReceived;
    private int _commentsReceived;
    private int _submissions;
    private int _views;
    private int _newestDay = int.MinValue;

    /// <summary>Creates an empty dashboard.</summary>
    public UserDashboard(string userId) => UserId = userId;

    /// <summary>Whose numbers these are.</summary>
    public string UserId { get; }

    /// <summary>The log sequence of the last event applied; events at or below it are ignored.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>
    /// Applies the next event of the tenant's log, if it concerns this user (as actor or item owner) and
    /// was not applied before. Returns whether any number changed.
    /// </summary>
    public bool Apply(FeedEvent e)
    {
        if (e.Sequence <= Checkpoint)
        {
            return false;
        }

        Checkpoint = e.Sequence;
        var kind = Engagement.KindOf(e.Type);
        if (!Engagement.CountsOnDashboards(kind))
        {
            return false;
        }

        var day = Weekday.UtcDateOf(e.OccurredAt).DayNumber;
        var item = e.ItemId ?? NoItem;
        var changed = false;
        if (e.ActorId == UserId)
        {
            changed |= ApplyMade(kind, item, day, e);
        }

        if (e.ItemOwnerId == UserId)
        {
            changed |= ApplyReceived(kind, item, day, e);
        }

        return changed;
    }

    /// <summary>Moves the checkpoint past events known to hold nothing for this user.</summary>
    public void Skip(long sequence) => Checkpoint = Math.Max(Checkpoint, sequence);

    private bool ApplyMade(EngagementKind kind, string item, int day, FeedEvent e)
    {
        switch (kind)
        {
            case EngagementKind.Vote:
                Made(item).Votes++;
                _votesMade++;
                return true;
            case EngagementKind.Comment:
                (Made(item).Comments ??= []).Add(Engagement.CommentIdOf(e.Payload));
                _commentsMade++;
                return true;
            case EngagementKind.VoteRemoved when _made.TryGetValue(item, out var made) && made.Votes > 0:
                made.Votes--;
                _votesMade--;
                ForgetIfEmpty(item, made);
                return true;
            case EngagementKind.CommentDeleted when _made.TryGetValue(item, out var made)
                && made.Comments is { } comments
                && LatestComment(comments, Engagement.CommentIdOf(e.Payload)) is var index and >= 0:
                comments.RemoveAt(index);
                _commentsMade--;
                ForgetIfEmpty(item, made);
                return true;
            case EngagementKind.Submission:
                _submissions++;
                Day(day).Submissions++;
                if (item != NoItem)
                {
                    Received(item).Submitted = true;
                }

                return true;
            default:
                return false;
        }
    }

    private bool ApplyReceived(EngagementKind kind, string item, int day, FeedEvent e)
    {
        switch (kind)
        {
            case EngagementKind.Vote:
                Count(Received(item), new Mark(MarkKind.Vote, e.ActorId, null, day), +1);
                return true;
            case EngagementKind.Comment:
                Count(Received(item), new Mark(MarkKind.Comment, e.ActorId, Engagement.CommentIdOf(e.Payload), day), +1);
                return true;
            case EngagementKind.VoteRemoved or EngagementKind.CommentDeleted when _received.TryGetValue(item, out var received):
                var index = received.LatestMatch(kind == EngagementKind.VoteRemoved ? MarkKind.Vote : MarkKind.Comment, e.ActorId, kind == EngagementKind.CommentDeleted ? Engagement.CommentIdOf(e.Payload) : null);
                if (index < 0)
                {
                    return false;
                }

                var mark = received.Marks![index];
                received.Marks.RemoveAt(index);
                Count(received, mark, -1);
                if (received.Marks.Count == 0 && !received.Submitted)
                {
                    _received.Remove(item);
                }

                return true;
            case EngagementKind.View:
                _views++;
                Day(day).Views++;
                return true;
            default:
                return false;
        }
    }

    // Adds (+1) or takes back (-1) one received vote or comment from every count it is in.
    private void Count(ItemReceived received, Mark mark, int delta)
    {
        if (delta > 0)
        {
            (received.Marks ??= []).Add(mark);
        }

        var week = IsoWeek.Of(DateOnly.FromDayNumber(mark.Day));
        if (mark.Kind == MarkKind.Vote)
        {
            received.Votes += delta;
            _votesReceived += delta;
            if (delta > 0 || _weeks.ContainsKey(week))
            {
                Week(week).Votes += delta;
            }
        }
        else
        {
            received.Comments += delta;
            _commentsReceived += delta;
            if (delta > 0 || _weeks.ContainsKey(week))
            {
                Week(week).Comments += delta;
            }
        }

        if (delta > 0 || _days.ContainsKey(mark.Day))
        {
            Day(mark.Day).Engagement += delta;
        }
    }

    private static int LatestComment(List<string?> comments, string? commentId)
    {
        for (var i = comments.Count - 1; i >= 0; i--)
        {
            if (commentId is null || comments[i] == commentId)
            {
                return i;
            }
        }

        return -1;
    }

    private ItemMade Made(string item)
    {
        if (!_made.TryGetValue(item, out var made))
        {
            _made[item] = made = new ItemMade();
        }

        return made;
    }

    private void ForgetIfEmpty(string item, ItemMade made)
    {
        if (made.Votes == 0 && made.Comments is not { Count: > 0 })
        {
            _made.Remove(item);
        }
    }

    private ItemReceived Received(string item)
    {
        if (!_received.TryGetValue(item, out var received))
        {
            _received[item] = received = new ItemReceived();
        }

        return received;
    }

    private DayCounts Day(int day)
    {
        if (!_days.TryGetValue(day, out var counts))
        {
            _days[day] = counts = new DayCounts();
            if (day > _newestDay)
            {
                _newestDay = day;
                Prune();
            }
        }

        return counts;
    }

    private WeekCounts Week(IsoWeek week)
    {
        if (!_weeks.TryGetValue(week, out var counts))
        {
            _weeks[week] = counts = new WeekCounts();
        }

        return counts;
    }

    // Buckets no read can reach any more: reads end today, and today is never before the newest event's day.
    private void Prune()
    {
        var oldestDay = _newestDay - DaysKept + 1;
        foreach (var day in _days.Keys.Where(d => d < oldestDay).ToList())
        {
            _days.Remove(day);
        }

        var oldestWeek = IsoWeek.Of(DateOnly.FromDayNumber(_newestDay)).AddWeeks(1 - WeeksKept);
        foreach (var week in _weeks.Keys.Where(w => w.CompareTo(oldestWeek) < 0).ToList())
        {
            _weeks.Remove(week);
        }
    }

    private sealed class ItemMade
    {
        public int Votes { get; set; }

        // Comment ids in the order counted; null for a comment that named none.
        public List<string?>? Comments { get; set; }
    }

    private sealed class DayCounts
    {
        public int Submissions { get; set; }

        public int Views { get; set; }

        public int Engagement { get; set; }
    }

    private sealed class WeekCounts
    {
        public int Votes { get; set; }

        public int Comments { get; set; }
    }
}
