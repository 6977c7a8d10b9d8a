using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Microsoft.Extensions.Logging;

namespace Activity.Grains.Tests.Projections;

/// <summary>A test projection's grain (key: <c>{kind}/{tenant id}</c>), to drive a <see cref="LogFollower{TBatch}"/> and look at it.</summary>
public interface ITallyGrain : IProjectionGrain
{
    /// <summary>The sequences this activation holds as applied, in the order applied (from its store and since).</summary>
    Task<IReadOnlyList<long>> AppliedAsync();

    /// <summary>How many times the projection was asked to apply.</summary>
    Task<int> ApplyCallsAsync();

    Task<FollowerCounts> CountsAsync();
}

/// <summary>
/// The kinds of test projection: <c>written</c> writes every apply to the <see cref="TallyStore"/> with its
/// checkpoint; <c>saved</c> holds what it applied in memory and saves it now and then; <c>uncut</c> is
/// written but cannot cut a batch at its checkpoint; <c>inline</c> is written and applied within the hand-over;
/// <c>eager</c> is written with a zero flush interval.
/// </summary>
public static class TallyKinds
{
    public const string Written = "written";
    public const string Saved = "saved";
    public const string Uncut = "uncut";
    public const string Inline = "inline";
    public const string Eager = "eager";

    public static readonly FollowerSettings Settings = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), BatchSize: 5, SaveInterval: null);

    public static readonly TimeSpan SaveInterval = TimeSpan.FromMinutes(1);

    public static string Key(string kind, string tenantId) => $"{kind}/{tenantId}";
}

/// <summary>Counts the sequences of a tenant's log it applies, each once if the follower is right.</summary>
[GrainType("tally")]
internal sealed class TallyGrain(IEventLog log, TallyStore store, TimeProvider time, ILogger<TallyGrain> logger) : Grain, ITallyGrain, IProjection<EventBatch>
{
    private readonly List<long> _applied = [];
    private LogFollower<EventBatch> _follower = null!;
    private string _kind = null!;
    private string _tenantId = null!;
    private long _checkpoint;
    private long _stored;
    private int _applyCalls;

    public long Checkpoint => _checkpoint;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        (_kind, _tenantId) = (key[..key.IndexOf('/', StringComparison.Ordinal)], key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var settings = _kind switch
        {
            TallyKinds.Saved => TallyKinds.Settings with { SaveInterval = TallyKinds.SaveInterval },
            TallyKinds.Inline => TallyKinds.Settings with { Inline = true, GapPatience = TimeSpan.Zero },
            TallyKinds.Eager => TallyKinds.Settings with { FlushInterval = TimeSpan.Zero },
            _ => TallyKinds.Settings,
        };
        _follower = new LogFollower<EventBatch>(this, this, settings, time, logger, () => this.AsReference<ITallyGrain>().FlushAsync());
        return _follower.StartAsync(catchUp: true);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _follower.StopAsync(reason);

    public Task AppendedAsync(EventBatch batch) => _follower.HandOverAsync(batch);

    public Task FlushAsync() => _follower.FlushAsync();

    public Task CatchUpAsync(long lastSequence) => _follower.CatchUpToAsync(lastSequence);

    public Task<int> DrainAsync() => _follower.DrainAsync();

    public Task<IReadOnlyList<long>> AppliedAsync() => Task.FromResult<IReadOnlyList<long>>([.. _applied]);

    public Task<int> ApplyCallsAsync() => Task.FromResult(_applyCalls);

    public Task<FollowerCounts> CountsAsync() => Task.FromResult(_follower.Counts);

    public Task LoadAsync(CancellationToken cancellationToken)
    {
        var (checkpoint, applied) = store.Load(this.GetPrimaryKeyString());
        _checkpoint = _stored = checkpoint;
        _applied.AddRange(applied);
        return Task.CompletedTask;
    }

    public Task<long> HighWaterAsync(CancellationToken cancellationToken) => log.HighWaterAsync(_tenantId, cancellationToken);

    public Task<EventBatch?> ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken) =>
        EventBatch.ReadAsync(log, _tenantId, after, upTo, max, cancellationToken);

    public EventBatch? After(EventBatch batch, long checkpoint) => _kind == TallyKinds.Uncut ? null : batch.After(checkpoint);

    public Task ApplyAsync(IReadOnlyList<EventBatch> batches, CancellationToken cancellationToken)
    {
        _applyCalls++;
        var sequences = batches.SelectMany(b => b.Events).Select(e => e.Sequence).ToList();
        var to = batches[^1].Last;
        if (_kind != TallyKinds.Saved)
        {
            try
            {
                store.Write(this.GetPrimaryKeyString(), _checkpoint, to, sequences);
            }
            catch
            {
                // As the feed does: what this activation holds may be ahead of storage now, so it starts over.
                this.DeactivateOnIdle();
                throw;
            }
        }

        _applied.AddRange(sequences);
        _checkpoint = to;
        return Task.CompletedTask;
    }

    // Guarded by the checkpoint loaded or saved last, as grain state is by its ETag.
    public Task SaveAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        store.Write(key, _stored, _checkpoint, _applied.Skip(store.Load(key).Applied.Count));
        _stored = _checkpoint;
        return Task.CompletedTask;
    }
}
