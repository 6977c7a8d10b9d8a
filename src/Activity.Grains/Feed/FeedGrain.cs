using Activity.Abstractions.Feed;
using Activity.Domain.Feed;
using Activity.Grains.Ingest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Streams;

namespace Activity.Grains.Feed;

/// <summary>
/// Applies a tenant's event log to its tiles, in order, each event once: tiles, change-log entries and
/// the checkpoint (the last applied log sequence) are written in one transaction guarded by the stored
/// checkpoint, and an activation starts from the stored checkpoint and catches up before it answers
/// anything. A second activation (Orleans' directory can briefly hold two after a silo dies) loses that
/// guard on its first write, deactivates and starts over from storage, so nothing is applied twice.
/// Placed at random: feeds spread evenly over the silos, and a silo that joins takes its share of new
/// activations at once (the default, resource-optimized placement favours the calling silo and waits
/// for a new silo's load statistics).
/// </summary>
[GrainType("feed")]
[RandomPlacement]
internal sealed partial class FeedGrain(
    IActivityQueue queue,
    IFeedStore store,
    TimeProvider timeProvider,
    IOptions<FeedOptions> options,
    ILogger<FeedGrain> logger) : Grain, IFeedGrain, IFeedWriterGrain
{
    private readonly FeedWindows _windows = new(options.Value.Rules);

    // Who gave which reaction to the tiles of open windows: a merge must not count one user twice.
    private readonly Dictionary<Guid, HashSet<(string User, ReactionType Type)>> _reactions = [];

    // Events handed over by the ingestor, durable already, waiting for the next flush, or for the
    // hand-over of the events before them.
    private readonly List<FeedEvent> _handedOver = [];
    private bool _flushQueued;
    private long? _lastFlush;
    private IGrainTimer _flushTimer = null!;
    private IGrainTimer _gapTimer = null!;
    private bool _gapWatched;
    private IAsyncStream<FeedChanges> _stream = null!;
    private long _checkpoint;
    private long _lastChange;

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        _stream = this.GetStreamProvider(FeedStreams.Provider).GetStream<FeedChanges>(FeedStreams.Of(TenantId));
        _flushTimer = this.RegisterGrainTimer(FlushAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _gapTimer = this.RegisterGrainTimer(ReadPastGapAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var snapshot = await store.LoadAsync(TenantId, cancellationToken);
        _checkpoint = snapshot.Checkpoint;
        _lastChange = snapshot.LastChange;
        _windows.Restore(snapshot.OpenTiles);
        foreach (var reaction in snapshot.OpenTileReactions)
        {
            ReactionsOf(reaction.TileId).Add((reaction.UserId, reaction.Type));
        }

        var applied = await CatchUpAsync();
        LogActivated(logger, TenantId, this.GetGrainId(), _checkpoint, applied, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A silo that stops writes what it holds, so live clients see it now rather than when the next
        // activation reads the log. A failure here loses nothing: the events are in the log.
        if (_handedOver.Count > 0 && reason.ReasonCode != DeactivationReasonCode.ApplicationError)
        {
            try
            {
                await ApplyHandedOverAsync();
            }
            catch (Exception exception)
            {
                LogFlushFailed(logger, exception, TenantId, this.GetGrainId());
            }
        }
    }

    public Task AppendedAsync(IReadOnlyList<FeedEvent> events)
    {
        _handedOver.AddRange(events);
        if (_flushQueued)
        {
            return Task.CompletedTask;
        }

        _flushQueued = true;

        // A monotonic clock: a wall clock set back would hold the feed's writes for as long.
        var wait = _lastFlush is { } last ? options.Value.FlushInterval - timeProvider.GetElapsedTime(last) : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            // A busy tenant's feed is written at most once per FlushInterval: every hand-over in between
            // joins one transaction and one update per tile, instead of one each.
            _flushTimer.Change(wait, Timeout.InfiniteTimeSpan);
        }
        else
        {
            // A call to itself, not awaited, queues behind every call already waiting, so events handed
            // over while this activation is busy are applied together, in one transaction.
            this.AsReference<IFeedWriterGrain>().FlushAsync().Ignore();
        }

        return Task.CompletedTask;
    }

    public async Task FlushAsync()
    {
        _flushQueued = false;
        _lastFlush = timeProvider.GetTimestamp();
        try
        {
            await ApplyHandedOverAsync();
        }
        catch (Exception exception)
        {
            // Nobody waits for a flush: say it here. The events stay in the log for the next wake-up.
            LogFlushFailed(logger, exception, TenantId, this.GetGrainId());
        }
    }

    public async Task ProcessAsync(long lastSequence)
    {
        if (lastSequence > _checkpoint)
        {
            await ApplyHandedOverAsync();
        }

        if (lastSequence > _checkpoint)
        {
            await CatchUpAsync();
        }
    }

    public async Task<int> DrainAsync() => await ApplyHandedOverAsync() + await CatchUpAsync();

    // Applies the handed-over events that continue the checkpoint. Events after a gap wait: writes that
    // commit together can hand over out of order, and the missing ones are normally a moment behind.
    // Only when they do not come (a lost hand-over) is the log read, after GapPatience, or at once when
    // too many events are waiting.
    private async Task<int> ApplyHandedOverAsync()
    {
        _handedOver.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        var next = _checkpoint + 1;
        var events = new List<FeedEvent>();
        var waiting = 0;
        for (var i = 0; i < _handedOver.Count; i++)
        {
            var e = _handedOver[i];
            if (e.Sequence == next)
            {
                events.Add(e);
                next++;
            }
            else if (e.Sequence > next)
            {
                _handedOver[waiting++] = e;
            }
        }

        _handedOver.RemoveRange(waiting, _handedOver.Count - waiting);
        foreach (var batch in events.Chunk(options.Value.BatchSize))
        {
            await ApplyAsync(batch);
        }

        if (waiting == 0)
        {
            _gapWatched = false;
            return events.Count;
        }

        if (waiting > options.Value.BatchSize)
        {
            return events.Count + await CatchUpAsync();
        }

        if (!_gapWatched)
        {
            _gapWatched = true;
            _gapTimer.Change(options.Value.GapPatience, Timeout.InfiniteTimeSpan);
        }

        return events.Count;
    }

    private async Task ReadPastGapAsync()
    {
        if (_gapWatched)
        {
            LogGapRead(logger, TenantId, _checkpoint);
            await CatchUpAsync();
        }
    }

    private async Task<int> CatchUpAsync()
    {
        var applied = 0;
        while (true)
        {
            var events = await queue.ReadAsync(TenantId, _checkpoint, options.Value.BatchSize, CancellationToken.None);
            if (events.Count == 0)
            {
                // Whatever was waiting for a gap to close is in the log, and applied now.
                _handedOver.RemoveAll(e => e.Sequence <= _checkpoint);
                _gapWatched = _handedOver.Count > 0;
                return applied;
            }

            await ApplyAsync(events);
            applied += events.Count;
        }
    }

    private async Task ApplyAsync(IReadOnlyList<FeedEvent> events)
    {
        var folded = _windows.Apply(events);
        var merged = new List<TileMerge>();
        foreach (var removal in folded.Where(c => c.Kind == TileChangeKind.Removed))
        {
            merged.Add(new TileMerge(removal.TileId, removal.MergedInto!.Value));
            MergeReactions(removal.TileId, removal.MergedInto.Value);
        }

        var now = timeProvider.GetUtcNow();
        List<Tile> created = [], updated = [];
        List<FeedChangeRecord> records = [];
        foreach (var change in folded)
        {
            var sequence = _lastChange + records.Count + 1;
            if (change.Kind == TileChangeKind.Removed)
            {
                records.Add(new FeedChangeRecord(sequence, FeedChangeKinds.Removed, change.TileId, FeedJson.Serialize(new RemovedView(change.TileId, change.MergedInto!.Value)), now));
                continue;
            }

            var tile = change.Tile! with { Reactions = CountsOf(change.TileId) };
            if (change.Kind == TileChangeKind.Created)
            {
                // A tile's place in the feed is the sequence of its creation: newer tiles always sort first.
                tile = tile with { Position = sequence };
                created.Add(tile);
            }
            else
            {
                updated.Add(tile);
            }

            _windows.Update(tile);
            var kind = change.Kind == TileChangeKind.Created ? FeedChangeKinds.Created : FeedChangeKinds.Updated;
            records.Add(new FeedChangeRecord(sequence, kind, tile.Id, FeedJson.Serialize(TileView.Of(tile)), now));
        }

        try
        {
            await store.ApplyAsync(TenantId, new FeedBatch(_checkpoint, events[^1].Sequence, created, updated, merged, records), CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The windows in memory are ahead of storage now (and, when the guard refused the write,
            // another activation moved the feed on): start over from storage on the next call.
            LogWriteFailed(logger, exception, TenantId, this.GetGrainId(), _checkpoint);
            this.DeactivateOnIdle();
            throw;
        }

        _checkpoint = events[^1].Sequence;
        _lastChange += records.Count;
        LogWrote(logger, TenantId, events.Count, _checkpoint, _lastChange);
        ForgetClosedWindowReactions();
        await PublishAsync(records);
    }

    // The changes are committed: a stream that cannot take them now costs live clients a read of the
    // change log (they fill gaps from it), never a change, so a failure here fails nothing.
    private async Task PublishAsync(List<FeedChangeRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            await _stream.OnNextAsync(new FeedChanges(records));
        }
        catch (Exception exception)
        {
            LogPublishFailed(logger, exception, TenantId, records[0].Sequence, records[^1].Sequence);
        }
    }

    private HashSet<(string User, ReactionType Type)> ReactionsOf(Guid tileId)
    {
        if (!_reactions.TryGetValue(tileId, out var set))
        {
            _reactions[tileId] = set = [];
        }

        return set;
    }

    private ReactionCounts CountsOf(Guid tileId) =>
        _reactions.TryGetValue(tileId, out var set) ? ReactionCounts.Of(set.Select(r => r.Type)) : default;

    private void MergeReactions(Guid from, Guid into)
    {
        if (_reactions.Remove(from, out var moved))
        {
            ReactionsOf(into).UnionWith(moved);
        }
    }

    private void ForgetClosedWindowReactions()
    {
        var open = _windows.Tiles.Select(t => t.Id).ToHashSet();
        foreach (var tileId in _reactions.Keys.Where(id => !open.Contains(id)).ToList())
        {
            _reactions.Remove(tileId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the events handed to the feed of tenant {TenantId} ({GrainId}) failed; they stay in the log and are applied at the next wake-up or sweep")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string tenantId, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the feed of tenant {TenantId} ({GrainId}) from checkpoint {Checkpoint} failed; this activation starts over from storage")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string tenantId, GrainId grainId, long checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing changes {First}-{Last} of tenant {TenantId} failed; live clients read them from the change log")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string tenantId, long first, long last);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Events before those handed to the feed of tenant {TenantId} did not come (checkpoint {Checkpoint}); reading them from the log")]
    private static partial void LogGapRead(ILogger logger, string tenantId, long checkpoint);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Feed of tenant {TenantId} applied {Count} events up to {Checkpoint}; changes up to {LastChange}")]
    private static partial void LogWrote(ILogger logger, string tenantId, int count, long checkpoint, long lastChange);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed of tenant {TenantId} ({GrainId}) activated at checkpoint {Checkpoint}; applied {Applied} events on catch-up; took {ElapsedMs} ms")]
    private static partial void LogActivated(ILogger logger, string tenantId, GrainId grainId, long checkpoint, int applied, long elapsedMs);
}
