using System.Collections.Frozen;
using System.Text.Json;

namespace Activity.Domain.Dashboard;

/// <summary>What an event means to dashboards and statistics; most events mean nothing to them.</summary>
public enum EngagementKind
{
    /// <summary>Not an engagement event.</summary>
    None,

    /// <summary><c>vote</c>: the actor voted on the item.</summary>
    Vote,

    /// <summary><c>vote_removed</c>: takes back the actor's latest counted vote on the item.</summary>
    VoteRemoved,

    /// <summary><c>comment</c>: the actor commented on the item (<c>payload.commentId</c> names it).</summary>
    Comment,

    /// <summary><c>comment_deleted</c>: takes back the named comment, else the actor's latest counted one on the item.</summary>
    CommentDeleted,

    /// <summary><c>view</c>: the actor viewed the item.</summary>
    View,

    /// <summary><c>submission</c>: the actor submitted the item (it is theirs).</summary>
    Submission,

    /// <summary><c>newsletter_subscribed</c>.</summary>
    NewsletterSubscribed,

    /// <summary><c>newsletter_unsubscribed</c>.</summary>
    NewsletterUnsubscribed,
}

/// <summary>Reads the engagement meaning of an event type, ignoring case like the catalog does.</summary>
public static class Engagement
{
    private static readonly FrozenDictionary<string, EngagementKind> Kinds = new Dictionary<string, EngagementKind>
    {
        ["vote"] = EngagementKind.Vote,
        ["vote_removed"] = EngagementKind.VoteRemoved,
        ["comment"] = EngagementKind.Comment,
        ["comment_deleted"] = EngagementKind.CommentDeleted,
        ["view"] = EngagementKind.View,
        ["submission"] = EngagementKind.Submission,
        ["newsletter_subscribed"] = EngagementKind.NewsletterSubscribed,
        ["newsletter_unsubscribed"] = EngagementKind.NewsletterUnsubscribed,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The kind of <paramref name="type"/>; <see cref="EngagementKind.None"/> for every other type.</summary>
    public static EngagementKind KindOf(string type) => Kinds.GetValueOrDefault(type);

    /// <summary>Whether events of this kind belong on a user's dashboard (as actor or item owner).</summary>
    public static bool CountsOnDashboards(EngagementKind kind) => CountsForActor(kind) || CountsForOwner(kind);

    /// <summary>Whether the actor's dashboard counts events of this kind (votes, comments, their removals, submissions).</summary>
    public static bool CountsForActor(EngagementKind kind) =>
        kind is EngagementKind.Vote or EngagementKind.VoteRemoved or EngagementKind.Comment or EngagementKind.CommentDeleted or EngagementKind.Submission;

    /// <summary>Whether the item owner's dashboard counts events of this kind (votes, comments, their removals, views).</summary>
    public static bool CountsForOwner(EngagementKind kind) =>
        kind is EngagementKind.Vote or EngagementKind.VoteRemoved or EngagementKind.Comment or EngagementKind.CommentDeleted or EngagementKind.View;

    /// <summary>The comment a <c>comment</c> or <c>comment_deleted</c> names in <c>payload.commentId</c> (a string or a number), or null.</summary>
    public static string? CommentIdOf(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("commentId", out var id))
        {
            return null;
        }

        return id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
    }
}
