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
/// owner. Received votes and comments are kept one by one (with their day), which is also where weekly
/// and daily engagement are read from; submissions and views made per day are kept for
/// <see cref="DaysKept"/> days behind the newest; totals and per-item counts are kept forever. Ids the
/// dashboard only compares are kept as <see cref="IdHash"/>es.
/// </remarks>
public sealed partial class UserDashboard
{
    /// <summary>The most days a daily read can ask for.</summary>
    public const int DaysKept = 90;

    /// <summary>The most weeks a weekly read can ask for.</summary>
    public const int WeeksKept = 104;

    // Fields of the day buckets.
    private const int Submitted = 0, Viewed = 1;

    // Items as the user's own events name them (hashed), and the user's items as others' events name them.
    private readonly MadeItems _made = new();
    private readonly ReceivedItems _received = new();
    // Per UTC day: submissions and views. Engagement per day and week is read from the marks, which hold their day.
    private readonly BucketRing _days = new(DaysKept, 2);
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

    /// <summary>The log sequence of the last event applied (or counted through); events at or below it are ignored.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>
    /// Every event of the user up to <paramref name="sequence"/> has been applied: the log holds no more
    /// of theirs below it (their events there were removed, or there were none), so the checkpoint moves on.
    /// </summary>
    public void CountedThrough(long sequence) => Checkpoint = Math.Max(Checkpoint, sequence);

    /// <summary>
    /// Applies the next event of the tenant's log, if it concerns this user (as actor or item owner) and
    /// was not applied before. Returns whether any number changed.
    /// </summary>
    public bool Apply(LoggedEvent e)
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
        var changed = false;
        if (e.ActorId == UserId)
        {
            changed |= ApplyMade(kind, day, e);
        }

        if (e.ItemOwnerId == UserId)
        {
            changed |= ApplyReceived(kind, e.ItemId ?? NoItem, day, e);
        }

        return changed;
    }

    // Events that name no item count in totals, never as an item: made, they go under IdHash.None;
    // received, under the item "".
    private const string NoItem = "";

    private bool ApplyMade(EngagementKind kind, int day, LoggedEvent e)
    {
        var item = IdHash.Of(e.ItemId);
        switch (kind)
        {
            case EngagementKind.Vote:
                _made.AddVote(item);
                _votesMade++;
                return true;
            case EngagementKind.Comment:
                _made.AddComment(item, IdHash.Of(Engagement.CommentIdOf(e.Payload)));
                _commentsMade++;
                return true;
            case EngagementKind.VoteRemoved when _made.RemoveVote(item):
                _votesMade--;
                return true;
            case EngagementKind.CommentDeleted when _made.RemoveComment(item, IdHash.Of(Engagement.CommentIdOf(e.Payload))):
                _commentsMade--;
                return true;
            case EngagementKind.Submission:
                _submissions++;
                _days.Add(day, Submitted, +1);
                if (e.ItemId is { } submitted)
                {
                    _received.Submit(_received.IndexOf(submitted, create: true));
                }

                return true;
            default:
                return false;
        }
    }

    private bool ApplyReceived(EngagementKind kind, string item, int day, LoggedEvent e)
    {
        switch (kind)
        {
            case EngagementKind.Vote or EngagementKind.Comment:
                var mark = new Mark(IdHash.Of(e.ActorId), IdHash.Of(Engagement.CommentIdOf(e.Payload)), _received.IndexOf(item, create: true), day, kind == EngagementKind.Vote ? MarkKind.Vote : MarkKind.Comment);
                _received.Add(mark);
                Count(mark, +1);
                return true;
            case EngagementKind.VoteRemoved or EngagementKind.CommentDeleted when _received.IndexOf(item, create: false) is var index and >= 0:
                var comment = kind == EngagementKind.CommentDeleted ? IdHash.Of(Engagement.CommentIdOf(e.Payload)) : IdHash.None;
                if (_received.RemoveLatest(index, kind == EngagementKind.VoteRemoved ? MarkKind.Vote : MarkKind.Comment, IdHash.Of(e.ActorId), comment) is not { } removed)
                {
                    return false;
                }

                Count(removed, -1);
                return true;
            case EngagementKind.View:
                _views++;
                _days.Add(day, Viewed, +1);
                return true;
            default:
                return false;
        }
    }

    // Adds (+1) or takes back (-1) one received vote or comment in the totals.
    private void Count(Mark mark, int delta)
    {
        if (mark.Kind == MarkKind.Vote)
        {
            _votesReceived += delta;
        }
        else
        {
            _commentsReceived += delta;
        }
    }
}
