using Activity.Domain.Feed;
using Activity.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Activity.Grains.Projections;

/// <summary>
/// Keeps one projection up with its tenant's log, the one way every projection follows it. Batches are
/// handed over after each commit of the log; the follower applies them in log order from the
/// projection's checkpoint, each sequence once (a batch already applied is dropped, one that overlaps
/// is cut), and reads the log itself for what does not come: a gap still open after
/// <see cref="FollowerSettings.GapPatience"/>, a batch it cannot cut, a wake-up that says the log is
/// further, and (when asked) everything after the checkpoint at activation. Projections kept in memory
/// are saved every <see cref="FollowerSettings.SaveInterval"/> while they change.
/// </summary>
/// <remarks>
/// Owned by one grain activation and called on its turns only (grain calls and grain timers), so it
/// needs no locks. The model is a catch-up subscription (EventStoreDB) fed by pushes instead of polls:
/// the checkpoint lives with the projection's own data, so after a crash or on a second activation the
/// log is the truth and the guard on the projection's writes decides who moves on.
/// </remarks>
/// <typeparam name="TBatch">What the projection is handed and reads.</typeparam>
internal sealed partial class LogFollower<TBatch>
    where TBatch : class, ILogRange
{
    private readonly IGrainBase _grain;
    private readonly IProjection<TBatch> _projection;
    private readonly FollowerSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<Task>? _flushSelf;
    private readonly List<TBatch> _waiting = [];
    private readonly ProjectionMetrics? _metrics;
    private FollowerPosition? _position;
    private string _spanName = "apply";
    private IGrainTimer? _flushTimer;
    private IGrainTimer? _gapTimer;
    private bool _flushQueued;
    private long? _lastFlush;
    private bool _gapArmed;
    private long _saved;
    private bool _current;

    /// <summary>A follower for <paramref name="projection"/>, owned by <paramref name="grain"/>.</summary>
    /// <param name="grain">The activation whose turns and timers the follower runs on.</param>
    /// <param name="projection">What it keeps up to date.</param>
    /// <param name="settings">How it paces it.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where it says what it did.</param>
    /// <param name="flushSelf">Buffered followers: a call of the grain to itself that ends in <see cref="FlushAsync"/>.</param>
    public LogFollower(IGrainBase grain, IProjection<TBatch> projection, FollowerSettings settings, TimeProvider time, ILogger logger, Func<Task>? flushSelf = null)
    {
        if (!settings.Inline && flushSelf is null)
        {
            throw new ArgumentException("A buffered follower needs a call of its grain to itself that flushes.", nameof(flushSelf));
        }

        (_grain, _projection, _settings, _time, _logger, _flushSelf) = (grain, projection, settings, time, logger, flushSelf);
        _metrics = grain.GrainContext.ActivationServices.GetService<ProjectionMetrics>();
    }

    /// <summary>The last sequence the projection has applied.</summary>
    public long Checkpoint => _projection.Checkpoint;

    /// <summary>What the follower has done since its activation.</summary>
    public FollowerCounts Counts { get; private set; }

    /// <summary>
    /// Loads the projection and arms the follower's timers; with <paramref name="catchUp"/>, also applies
    /// what the log holds after the checkpoint, so the activation answers nothing before it is current.
    /// </summary>
    public async Task StartAsync(bool catchUp)
    {
        await _projection.LoadAsync(CancellationToken.None);
        _saved = Checkpoint;
        var (name, tenantId) = Names(_grain.GrainContext.GrainId);
        _spanName = name + ".apply";
        if (_metrics is not null)
        {
            _position = _metrics.Follow(name, tenantId, _time);
            _position.Applied(Checkpoint);
        }

        if (!_settings.Inline)
        {
            _flushTimer = _grain.RegisterGrainTimer(FlushAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        if (_settings.GapPatience > TimeSpan.Zero)
        {
            _gapTimer = _grain.RegisterGrainTimer(ReadPastGapAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        if (_settings.SaveInterval is { } every)
        {
            _grain.RegisterGrainTimer(SaveChangedAsync, every, every);
        }

        if (catchUp)
        {
            await CatchUpAsync();
        }
    }

    /// <summary>
    /// Applies what the log holds now after the checkpoint: up to its last sequence as of this call, not
    /// on after it (a busy tenant's log grows while it is read, and what comes meanwhile is handed over).
    /// Returns how many sequences the checkpoint moved.
    /// </summary>
    public async Task<long> CatchUpAsync()
    {
        var moved = await CatchUpAsync(await _projection.HighWaterAsync(CancellationToken.None));
        _current = true;
        return moved;
    }

    /// <summary>
    /// Before a question is answered: the log after the checkpoint, unless this activation caught up or was
    /// handed a batch already (a projection started without catching up, for one that a hand-over wakes).
    /// </summary>
    public async Task EnsureCurrentAsync()
    {
        if (!_current)
        {
            await CatchUpAsync();
        }
    }

    /// <summary>
    /// Takes a batch the log just committed. Inline, it is applied before this returns; buffered, it is
    /// applied at once when the follower applied nothing for a flush interval, else when that is up.
    /// </summary>
    public async Task HandOverAsync(TBatch batch)
    {
        Counts = Counts with { Handed = Counts.Handed + Length(batch) };
        _current = true;
        _position?.Seen(batch.Last);
        if (batch.Last <= Checkpoint)
        {
            return;
        }

        _waiting.Add(batch);
        if (_settings.Inline)
        {
            await ApplyWaitingAsync();
            return;
        }

        if (_flushQueued)
        {
            return;
        }

        _flushQueued = true;

        // A monotonic clock: a wall clock set back would hold the projection for as long.
        var wait = _lastFlush is { } last ? _settings.FlushInterval - _time.GetElapsedTime(last) : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            _flushTimer!.Change(wait, Timeout.InfiniteTimeSpan);
        }
        else
        {
            // Not awaited: the call queues behind every call already waiting, so batches handed over while
            // this activation is busy are applied together.
            _flushSelf!().OnFailure(exception => LogFlushFailed(_logger, exception, _grain.GrainContext.GrainId, Checkpoint));
        }
    }

    /// <summary>Applies what was handed over (the grain's call to itself, or the flush timer). Nobody waits for it: a failure is logged.</summary>
    public async Task FlushAsync()
    {
        _flushQueued = false;
        var from = Checkpoint;
        try
        {
            await ApplyWaitingAsync();
        }
        catch (Exception exception)
        {
            // The events are in the log: the next hand-over after the gap this leaves reads them.
            LogFlushFailed(_logger, exception, _grain.GrainContext.GrainId, Checkpoint);
        }

        // Only a flush that applied something holds the next one back: one that found a gap cost nothing.
        if (Checkpoint != from)
        {
            _lastFlush = _time.GetTimestamp();
        }
    }

    /// <summary>The log holds events up to <paramref name="lastSequence"/>: applies what was handed over and reads the rest.</summary>
    public async Task CatchUpToAsync(long lastSequence)
    {
        if (lastSequence > Checkpoint)
        {
            await ApplyWaitingAsync(readGaps: false);
            await CatchUpAsync(lastSequence);
        }
    }

    /// <summary>Applies what was handed over and what the log holds as of this call; returns how far the checkpoint moved.</summary>
    public async Task<int> DrainAsync()
    {
        var from = Checkpoint;
        var last = await _projection.HighWaterAsync(CancellationToken.None);
        await ApplyWaitingAsync(readGaps: false);
        await CatchUpAsync(last);
        return (int)(Checkpoint - from);
    }

    /// <summary>
    /// The grain is deactivating: a buffered follower applies what it holds (live clients see it now, not
    /// when the next activation reads the log), unless its silo is the last one stopping, and a
    /// projection kept in memory is saved, unless the activation failed or the silo is shutting down
    /// (its storage may be going with it; the next activation reads the difference from the log).
    /// </summary>
    public async Task StopAsync(DeactivationReason reason)
    {
        if (_position is not null)
        {
            _metrics!.Forget(_position);
        }

        if (reason.ReasonCode == DeactivationReasonCode.ApplicationError)
        {
            return;
        }

        if (_waiting.Count > 0 && !_settings.Inline && !(reason.ReasonCode == DeactivationReasonCode.ShuttingDown && IsLastSilo()))
        {
            await FlushAsync();
        }

        if (_settings.SaveInterval is not null && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await SaveAsync();
        }
    }

    // A flush calls other grains (dashboards, sections, the stream's queue): on a silo stopping with no
    // other silo active, none can be placed, and each call would retry placement until the host gave up.
    private bool IsLastSilo()
    {
        var self = _grain.GrainContext.Address.SiloAddress;
        var membership = _grain.GrainContext.ActivationServices.GetRequiredService<IClusterMembershipService>();
        return !membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(self));
    }

    /// <summary>Saves the projection now, changed or not (an erasure waits for its state to be stored); false when that failed.</summary>
    public Task<bool> SaveNowAsync() => SaveAsync();

    /// <summary>
    /// Reads the log after the checkpoint, up to <paramref name="upTo"/>, applies it, and then what was
    /// handed over meanwhile that continues it; returns how many sequences the checkpoint moved.
    /// </summary>
    public async Task<long> CatchUpAsync(long upTo)
    {
        var from = Checkpoint;
        _position?.Seen(upTo);
        while (Checkpoint < upTo)
        {
            var batch = await _projection.ReadAsync(Checkpoint, upTo, _settings.BatchSize, CancellationToken.None);
            if (batch is null)
            {
                break;
            }

            Counts = Counts with { Read = Counts.Read + Length(batch) };
            await ApplyAsync([batch]);
        }

        await ApplyWaitingAsync(readGaps: false);
        return Checkpoint - from;
    }

    // Applies the waiting batches that continue the checkpoint. Batches after a gap wait: writes that
    // commit close together can be handed over out of order, and the missing ones are normally a moment
    // behind. Only when they do not come (a lost hand-over) is the log read: after GapPatience, or at
    // once when more than a read's worth waits, when a batch overlaps what is applied and cannot be cut,
    // or with no patience at all.
    private async Task ApplyWaitingAsync(bool readGaps = true)
    {
        _waiting.Sort(static (a, b) => a.First.CompareTo(b.First));
        var next = Checkpoint + 1;
        var ready = new List<TBatch>();
        var kept = 0;
        for (var i = 0; i < _waiting.Count; i++)
        {
            var batch = _waiting[i];
            if (batch.Last < next)
            {
                continue;
            }

            if (batch.First == next)
            {
                ready.Add(batch);
                next = batch.Last + 1;
            }
            else if (batch.First < next && _projection.After(batch, next - 1) is { } cut)
            {
                ready.Add(cut);
                next = cut.Last + 1;
            }
            else
            {
                _waiting[kept++] = batch;
            }
        }

        _waiting.RemoveRange(kept, _waiting.Count - kept);
        if (ready.Count > 0)
        {
            await ApplyAsync(ready);
        }

        if (_waiting.Count == 0 || !readGaps)
        {
            return;
        }

        if (_waiting[0].First <= Checkpoint || _waiting.Sum(Length) > _settings.BatchSize || _gapTimer is null)
        {
            await ReadGapAsync();
        }
        else if (!_gapArmed)
        {
            _gapArmed = true;
            _gapTimer.Change(_settings.GapPatience, Timeout.InfiniteTimeSpan);
        }
    }

    // Reads the log where the first waiting batch does not continue the checkpoint: through its end when
    // it overlaps what is applied (and could not be cut), up to its start when a gap comes before it, but
    // not past the log's high-water mark: a gap below it is final (those events are not coming), one above
    // it may be an append of another silo still committing. When the log does not hold the missing events
    // yet, the batch waits for the gap timer again.
    private async Task ReadGapAsync()
    {
        var first = _waiting[0];
        var before = Checkpoint;
        Counts = Counts with { GapReads = Counts.GapReads + 1 };
        await CatchUpAsync(first.First <= before
            ? first.Last
            : Math.Min(first.First - 1, await _projection.HighWaterAsync(CancellationToken.None)));
        if (_waiting.Count == 0)
        {
            return;
        }

        if (Checkpoint > before)
        {
            await ApplyWaitingAsync();
        }
        else if (_gapTimer is not null && !_gapArmed)
        {
            _gapArmed = true;
            _gapTimer.Change(_settings.GapPatience, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ReadPastGapAsync()
    {
        _gapArmed = false;
        if (_waiting.Count == 0)
        {
            return;
        }

        LogGapRead(_logger, _grain.GrainContext.GrainId, Checkpoint);
        try
        {
            await ReadGapAsync();
        }
        catch (Exception exception)
        {
            LogFlushFailed(_logger, exception, _grain.GrainContext.GrainId, Checkpoint);
        }
    }

    private async Task ApplyAsync(IReadOnlyList<TBatch> batches)
    {
        var from = Checkpoint;
        using var span = ActivityTracing.StartFrom(_spanName, TraceOf(batches));
        span?.SetTag("activity.sequences", batches[^1].Last - from);
        await _projection.ApplyAsync(batches, CancellationToken.None);
        if (_position is not null && Checkpoint > from)
        {
            _metrics!.Applied(_position, Checkpoint - from);
            _position.Applied(Checkpoint);
        }
    }

    // The first trace the batches carry: the apply joins that emit's trace (one span, though it applies others too).
    private static string? TraceOf(IReadOnlyList<TBatch> batches)
    {
        for (var i = 0; i < batches.Count; i++)
        {
            if (batches[i] is ITraced { Trace: { } trace })
            {
                return trace;
            }
        }

        return null;
    }

    // The projection label is the grain type (a table projection's is its name, the first part of its
    // key); the tenant is the key's first part (after the name for a table projection).
    private static (string Projection, string TenantId) Names(GrainId grainId)
    {
        var type = grainId.Type.ToString()!;
        var key = grainId.Key.ToString()!;
        if (type == TenantProjections.Table)
        {
            return TenantProjections.ParseTableKey(key);
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (type, slash > 0 ? key[..slash] : key);
    }

    private Task SaveChangedAsync() => Checkpoint == _saved ? Task.CompletedTask : SaveAsync();

    private async Task<bool> SaveAsync()
    {
        var checkpoint = Checkpoint;
        try
        {
            await _projection.SaveAsync(CancellationToken.None);
            _saved = checkpoint;
            return true;
        }
        catch (Exception exception)
        {
            // Nothing is lost: the events are in the log, and the next activation reads them from there.
            // After a conflict (another activation saved), this one's view is stale: start over.
            LogSaveFailed(_logger, exception, _grain.GrainContext.GrainId, checkpoint);
            if (exception is InconsistentStateException)
            {
                _grain.DeactivateOnIdle();
            }

            return false;
        }
    }

    private static long Length(TBatch batch) => batch.Last - batch.First + 1;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying what was handed to {GrainId} failed at checkpoint {Checkpoint}; the events stay in the log and are read at the next gap, wake-up or activation")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, GrainId grainId, long checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving {GrainId} at checkpoint {Checkpoint} failed; the log still holds its events")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, GrainId grainId, long checkpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Events after checkpoint {Checkpoint} did not come to {GrainId}; reading them from the log")]
    private static partial void LogGapRead(ILogger logger, GrainId grainId, long checkpoint);
}

/// <summary>What a follower did since its activation, in log sequences.</summary>
/// <param name="Handed">Sequences handed over (duplicates included).</param>
/// <param name="Read">Sequences it read from the log itself.</param>
/// <param name="GapReads">Times it read the log because something it expected did not come.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.FollowerCounts")]
public readonly record struct FollowerCounts([property: Id(0)] long Handed, [property: Id(1)] long Read, [property: Id(2)] long GapReads);
