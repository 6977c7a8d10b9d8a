using Activity.Domain.Feed;
using Activity.Runtime.Grains;

namespace Activity.Grains.Feed;

/// <summary>
/// The feed of one tenant (key: tenant id). It turns the tenant's event log into tiles, and is the one
/// writer of the tenant's tiles, reactions, comments and change log, so every change gets its place in
/// one sequence: the SSE ids.
/// </summary>
public interface IFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// These events were just appended to the log: they are applied at once when the feed has not written
    /// for <see cref="FeedOptions.FlushInterval"/>, else when that interval is up, together with whatever
    /// else arrives before then (returns at once; the events are durable already).
    /// </summary>
    Task AppendedAsync(IReadOnlyList<FeedEvent> events);

    /// <summary>Applies the events handed over by <see cref="AppendedAsync"/> so far.</summary>
    Task FlushAsync();

    /// <summary>The log now holds events up to <paramref name="lastSequence"/>: apply what is new (nothing, when it was applied already).</summary>
    Task ProcessAsync(long lastSequence);

    /// <summary>Applies every event the log holds now; returns how many that was.</summary>
    Task<int> DrainAsync();

    /// <summary>Adds a reaction (idempotent), unless the tile is unknown, the user's own, or the user is over the hourly limit.</summary>
    Task<ReactionOutcome> ReactAsync(Guid eventId, string userId, ReactionType type);

    /// <summary>Posts a comment of 1 to 500 characters on a tile.</summary>
    Task<CommentOutcome> CommentAsync(Guid eventId, string userId, string body);
}

/// <summary>How a reaction went.</summary>
public enum ReactionStatus
{
    /// <summary>Stored (or already there).</summary>
    Ok,

    /// <summary>The tenant has no such tile.</summary>
    NotFound,

    /// <summary>The tile is the user's own activity.</summary>
    OwnActivity,

    /// <summary>The user gave the hourly maximum already.</summary>
    RateLimited,
}

/// <summary>The outcome of a reaction.</summary>
/// <param name="Status">What happened.</param>
/// <param name="EventId">The tile reacted to (the group, when the named tile was merged into one).</param>
/// <param name="Counts">The tile's counts after the reaction.</param>
/// <param name="RetryAfter">For <see cref="ReactionStatus.RateLimited"/>: when the next reaction is allowed.</param>
public sealed record ReactionOutcome(ReactionStatus Status, Guid? EventId = null, ReactionCounts Counts = default, TimeSpan? RetryAfter = null);

/// <summary>The outcome of a comment: the stored comment, or null when the tenant has no such tile.</summary>
/// <param name="Comment">The comment, or null for an unknown tile.</param>
public sealed record CommentOutcome(Comment? Comment);
