using Activity.Domain.Feed;

namespace Activity.Abstractions.Feed;

/// <summary>How a reaction went.</summary>
[GenerateSerializer]
[Alias("activity.ReactionStatus")]
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
[GenerateSerializer]
[Immutable]
[Alias("activity.ReactionOutcome")]
public sealed record ReactionOutcome(ReactionStatus Status, Guid? EventId = null, ReactionCounts Counts = default, TimeSpan? RetryAfter = null);
