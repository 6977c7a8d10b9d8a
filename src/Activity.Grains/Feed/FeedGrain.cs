using System.Diagnostics;
using Activity.Abstractions.Feed;
using Activity.Domain.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Activity.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Streams;

namespace Activity.Grains.Feed;

/// <summary>
/// Applies a tenant's event log to its tiles, in order, each event once: the feed projection. Tiles,
/// change-log entries and the checkpoint (the last applied log sequence) are written in one transaction
/// guarded by the stored checkpoint, and an activation starts from the stored checkpoint and catches up
/// before it answers anything. A second activation (Orleans' directory can briefly hold two after a silo
/// dies) loses that guard on its first write, deactivates and starts over from storage, so nothing is
/// applied twice. A <see cref="LogFollower{TBatch}"/> takes the ingestor's hand-overs and decides when to
/// apply. Placed at random: feeds spread evenly over the silos, and a silo that joins takes its share of
/// new activations at once (the default, resource-optimized placement favours the calling silo and waits
/// for a new silo's load statistics).
/// </summary>
[GrainType(TenantProjections.Feed)]
[RandomPlacement]
internal sealed partial class FeedGrain(
    IEventLog log,
    IFeedStore store,
    TimeProvider timeProvider,
    FeedStreamMetrics streamMetrics,
    IOptions<FeedOptions> options,
    ILogger<FeedGrain> logger) : Grain, IFeedGrain, IFeedWriterGrain, IProjection<EventBatch>
{
    private readonly FeedWindows _windows = new(options.Value.Rules);

    // Who gave which reaction to the tiles of open windows: a merge must not count one user twice.
    private readonly Dictionary<Guid, HashSet<(string User, ReactionType Type)>> _reactions = [];

    private LogFollower<EventBatch> _follower = null!;
    private IAsyncStream<FeedChanges> _stream = null!;
    private long _checkpoint;
    private long _lastChange;

    private string TenantId => this.GetPrimaryKeyString();

    long IProjection<EventBatch>.Checkpoint => _checkpoint;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        _stream = this.GetStreamProvider(FeedStreams.Provider).GetStream<FeedChanges>(FeedStreams.Of(TenantId));
        var settings = new FollowerSettings(options.Value.FlushInterval, options.Value.GapPatience, options.Value.BatchSize);
        _follower = new LogFollower<EventBatch>(this, this, settings, timeProvider, logger, () => this.AsReference<IFeedWriterGrain>().FlushAsync());
        await _follower.StartAsync(catchUp: true);
        LogActivated(logger, TenantId, this.GetGrainId(), _checkpoint, _follower.Counts.Read, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
    }

    // A silo that stops writes what it holds, so live clients see it now rather than when the next
    // activation reads the log. A failure here loses nothing: the events are in the log.
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _follower.StopAsync(reason);

    public Task AppendedAsync(EventBatch batch) => _follower.HandOverAsync(batch);

    public Task FlushAsync() => _follower.FlushAsync();

    public Task CatchUpAsync(long lastSequence) => _follower.CatchUpToAsync(lastSequence);

    public Task<int> DrainAsync() => _follower.DrainAsync();

    async Task IProjection<EventBatch>.LoadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadAsync(TenantId, cancellationToken);
        _checkpoint = snapshot.Checkpoint;
        _lastChange = snapshot.LastChange;
        _windows.Restore(snapshot.OpenTiles);
        foreach (var reaction in snapshot.OpenTileReactions)
        {
            ReactionsOf(reaction.TileId).Add((reaction.UserId, reaction.Type));
        }
    }

    Task<long> IProjection<EventBatch>.HighWaterAsync(CancellationToken cancellationToken) => log.HighWaterAsync(TenantId, cancellationToken);

    Task<EventBatch?> IProjection<EventBatch>.ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken) =>
        EventBatch.ReadAsync(log, TenantId, after, upTo, max, cancellationToken);

    EventBatch? IProjection<EventBatch>.After(EventBatch batch, long checkpoint) => batch.After(checkpoint);

    // One transaction per BatchSize events: however many batches a flush gathered.
    async Task IProjection<EventBatch>.ApplyAsync(IReadOnlyList<EventBatch> batches, CancellationToken cancellationToken)
    {
        foreach (var events in batches.SelectMany(b => b.Events).Chunk(options.Value.BatchSize))
        {
            await ApplyAsync(events);
        }

        // A batch whose events were all removed (erased, expired) still moves the checkpoint.
        if (batches[^1].Last > _checkpoint)
        {
            await ApplyAsync([], batches[^1].Last);
        }
    }

    Task IProjection<EventBatch>.SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ApplyAsync(IReadOnlyList<LoggedEvent> events, long? through = null)
    {
        var last = through ?? events[^1].Sequence;
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
            await store.ApplyAsync(TenantId, new FeedBatch(_checkpoint, last, created, updated, merged, records), CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The windows in memory are ahead of storage now (and, when the guard refused the write,
            // another activation moved the feed on): start over from storage on the next call.
            LogWriteFailed(logger, exception, TenantId, this.GetGrainId(), _checkpoint);
            this.DeactivateOnIdle();
            throw;
        }

        _checkpoint = last;
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

        using var span = ActivityTracing.StartFrom("feed.publish", ActivityTracing.CurrentParent(), ActivityKind.Producer);
        try
        {
            await _stream.OnNextAsync(new FeedChanges(records, span?.Id));
            streamMetrics.Published(failed: false);
        }
        catch (Exception exception)
        {
            streamMetrics.Published(failed: true);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the feed of tenant {TenantId} ({GrainId}) from checkpoint {Checkpoint} failed; this activation starts over from storage")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string tenantId, GrainId grainId, long checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing changes {First}-{Last} of tenant {TenantId} failed; live clients read them from the change log")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string tenantId, long first, long last);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Feed of tenant {TenantId} applied {Count} events up to {Checkpoint}; changes up to {LastChange}")]
    private static partial void LogWrote(ILogger logger, string tenantId, int count, long checkpoint, long lastChange);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed of tenant {TenantId} ({GrainId}) activated at checkpoint {Checkpoint}; applied {Applied} events on catch-up; took {ElapsedMs} ms")]
    private static partial void LogActivated(ILogger logger, string tenantId, GrainId grainId, long checkpoint, long applied, long elapsedMs);
}
