using Activity.Domain.Feed;

namespace Activity.Grains.Feed;

/// <summary>
/// The silo-internal side of a tenant's feed grain (key: tenant id): the ingestor hands it new events,
/// and the sweep wakes it when the log is ahead of it. The same grain as <see cref="Abstractions.Feed.IFeedGrain"/>.
/// </summary>
[Alias("activity.IFeedWriterGrain")]
public interface IFeedWriterGrain : IGrainWithStringKey
{
    /// <summary>
    /// These events were just appended to the log (they are durable already): they are applied at once
    /// when the feed has not written for <see cref="FeedOptions.FlushInterval"/>, else when that interval
    /// is up, together with whatever else arrives before then. Returns once they are taken; nobody needs
    /// to wait for it: a lost hand-over costs a moment's delay (the feed reads the log), never an event.
    /// The list is not copied for a call within the silo: nobody changes it after handing it over.
    /// </summary>
    [Alias("Appended")]
    Task AppendedAsync([Immutable] IReadOnlyList<FeedEvent> events);

    /// <summary>Applies the events handed over so far; the feed calls itself with it, without waiting.</summary>
    [Alias("Flush")]
    Task FlushAsync();

    /// <summary>The log now holds events up to <paramref name="lastSequence"/>: apply what is new (nothing, when it was applied already).</summary>
    [Alias("Process")]
    Task ProcessAsync(long lastSequence);

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
