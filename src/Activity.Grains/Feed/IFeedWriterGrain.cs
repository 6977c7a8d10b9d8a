using Activity.Grains.Projections;

namespace Activity.Grains.Feed;

/// <summary>
/// The silo-internal side of a tenant's feed grain (key: tenant id): a projection of the tenant's log
/// (the ingestor hands it new events, the sweep wakes it when the log is ahead of it), and erasure.
/// The same grain as <see cref="Abstractions.Feed.IFeedGrain"/>.
/// </summary>
[Alias("activity.IFeedWriterGrain")]
public interface IFeedWriterGrain : IProjectionGrain
{
    /// <summary>
    /// Erases a person from the feed: applies what is waiting, then scrubs tiles, reactions, comments and
    /// the change log of them (see <see cref="FeedErasure"/>), and tells live clients. Idempotent.
    /// </summary>
    [Alias("Erase")]
    Task<FeedErasureReport> EraseAsync(string userId);
}

/// <summary>What erasing a person took from a feed.</summary>
/// <param name="TilesRemoved">Tiles that were theirs alone.</param>
/// <param name="TilesScrubbed">Tiles that named them among others, kept without them.</param>
/// <param name="Comments">Their comments.</param>
/// <param name="Reactions">Their reactions.</param>
/// <param name="ChangeLogEntries">Change-log entries rewritten not to name them.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.FeedErasureReport")]
public sealed record FeedErasureReport(int TilesRemoved, int TilesScrubbed, int Comments, int Reactions, int ChangeLogEntries);
