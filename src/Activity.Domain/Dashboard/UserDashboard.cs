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

    // Fields of the day and week buckets.
    private const int Submitted = 0, Viewed = 1, Engaged = 2, Votes = 0, Comments = 1;

    private readonly Dictionary<string, ItemMade> _made = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemReceived> _received = new(StringComparer.Ordinal);
    // Per UTC day: submissions, views, engagement; per ISO week (day number / 7: day 0 was a Monday): votes, comments.
    private readonly BucketRing _days = new(DaysKept, 3);
    private readonly BucketRing _weeks = new(WeeksKept, 2);
    private int _votesMade;
    private int _commentsMade;
    private int _votesReceived;
    private int _commentsReceived;
    private int _submissions;
    private int _views;

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
                _days.Add(day, Submitted, +1);
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
                _days.Add(day, Viewed, +1);
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

        var week = mark.Day / 7;
        if (mark.Kind == MarkKind.Vote)
        {
            received.Votes += delta;
            _votesReceived += delta;
            _weeks.Add(week, Votes, delta);
        }
        else
        {
            received.Comments += delta;
            _commentsReceived += delta;
            _weeks.Add(week, Comments, delta);
        }

        _days.Add(mark.Day, Engaged, delta);
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

    private sealed class ItemMade
    {
        public int Votes { get; set; }

        // Comment ids in the order counted; null for a comment that named none.
        public List<string?>? Comments { get; set; }
    }

}
