using Activity.Domain.Feed;

namespace Activity.Abstractions.Feed;

/// <summary>
/// The feed of one tenant (key: the tenant id), as other services may call it: react to a tile, comment
/// on it, or apply everything acknowledged so far. The feed grain is the one writer of the tenant's
/// tiles, reactions, comments and change log, so every change gets its place in one sequence.
/// </summary>
[Alias("activity.IFeedGrain")]
public interface IFeedGrain : IGrainWithStringKey
{
    /// <summary>Applies every event the tenant's log holds now; returns how many that was.</summary>
    [Alias("Drain")]
    Task<int> DrainAsync();

    /// <summary>Adds a reaction (idempotent), unless the tile is unknown, the user's own, or the user is over the hourly limit.</summary>
    [Alias("React")]
    Task<ReactionOutcome> ReactAsync(Guid eventId, string userId, ReactionType type);

    /// <summary>Posts a comment of 1 to 500 characters on a tile; throws <see cref="ArgumentException"/> for another length.</summary>
    [Alias("Comment")]
    Task<CommentOutcome> CommentAsync(Guid eventId, string userId, string body);
}
