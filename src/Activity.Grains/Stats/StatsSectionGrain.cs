using Activity.Abstractions.Dashboard;
using Activity.Domain.Feed;
using Activity.Domain.Stats;
using Activity.Grains.Dashboard;
using Activity.Grains.Erasure;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace Activity.Grains.Stats;

/// <summary>
/// One section of a tenant's statistics: a projection of the tenant's log held in memory and saved
/// with its checkpoint now and then (<see cref="DashboardOptions.SaveInterval"/>). The tenant's router
/// hands it each range it passes on, gathered; a <see cref="LogFollower{TBatch}"/> applies the ranges
/// that continue its checkpoint and reads the log where one does not (it cannot cut a gathered range).
/// An activation restores the snapshot and reads the log past its checkpoint before it answers a
/// question; one that the router's range woke reads only where the range does not continue it (a new
/// tenant's sections read nothing). The activity section adds up what users' dashboards report, and
/// asks them directly for the users it finds in the log.
/// </summary>
[GrainType("tenant-stats-section")]
[RandomPlacement]
internal sealed partial class StatsSectionGrain(
    [PersistentState("stats", ActivityProviders.Storage)] IPersistentState<StatsSectionState> state,
    IEventLog log,
    TimeProvider timeProvider,
    IOptions<DashboardOptions> options,
    ILogger<StatsSectionGrain> logger) : Grain, IStatsSectionGrain, IProjection<StatsBatch>
{
    private SectionCounts _counts = null!;
    private Dictionary<string, long> _erased = [];
    private LogFollower<StatsBatch> _follower = null!;
    private string _tenantId = null!;
    private long _checkpoint;

    long IProjection<StatsBatch>.Checkpoint => _checkpoint;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = new FollowerSettings(TimeSpan.Zero, TimeSpan.Zero, options.Value.BatchSize, options.Value.SaveInterval, Inline: true);
        _follower = new LogFollower<StatsBatch>(this, this, settings, timeProvider, logger);

        // No catch-up yet: nearly every activation comes with the router's next range.
        await _follower.StartAsync(catchUp: false);
    }

    // As a dashboard: not on shutdown, when storage may be going too; the log covers the difference.
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _follower.StopAsync(reason);

    public async Task AppendedAsync(StatsBatch batch, IReadOnlyList<DashboardReport> reports)
    {
        await _follower.HandOverAsync(batch);
        await ReportAsync(reports);
    }

    public Task ReportAsync(IReadOnlyList<DashboardReport> reports)
    {
        foreach (var report in reports)
        {
            _counts.Report(report);
        }

        return Task.CompletedTask;
    }

    Task IProjection<StatsBatch>.LoadAsync(CancellationToken cancellationToken)
    {
        (_tenantId, var section) = StatsSections.Parse(this.GetPrimaryKeyString());
        _counts = SectionCounts.Restore(section, state.State);
        _checkpoint = state.State.Checkpoint;
        _erased = state.State.Erased ?? [];
        (state.State.Users, state.State.Submissions, state.State.Activity, state.State.Newsletter) = (null, null, null, null); // restored: no second copy
        return Task.CompletedTask;
    }

    // The activity section also asks the dashboards of the users whose totals the range may change: what
    // the router would have sent along.
    Task<long> IProjection<StatsBatch>.HighWaterAsync(CancellationToken cancellationToken) => log.HighWaterAsync(_tenantId, cancellationToken);

    async Task<StatsBatch?> IProjection<StatsBatch>.ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken)
    {
        if (await EventBatch.ReadAsync(log, _tenantId, after, upTo, max, cancellationToken) is not { } events)
        {
            return null;
        }

        var batch = StatsBatch.Of(events.First, events.Last, events.Events);
        if (_counts.TakesReports)
        {
            await ReportAsync(await Task.WhenAll(batch.Engaged.Select(user =>
                GrainFactory.GetGrain<IDashboardWriterGrain>(DashboardKey.Of(_tenantId, user)).ReportAsync())));
        }

        return batch;
    }

    // A gathered range cannot be cut: the follower reads the log for it instead.
    StatsBatch? IProjection<StatsBatch>.After(StatsBatch batch, long checkpoint) => null;

    Task IProjection<StatsBatch>.ApplyAsync(IReadOnlyList<StatsBatch> batches, CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
        {
            _counts.Apply(batch);
            _checkpoint = batch.Last;
        }

        return Task.CompletedTask;
    }

    async Task IProjection<StatsBatch>.SaveAsync(CancellationToken cancellationToken)
    {
        state.State.Checkpoint = _checkpoint;
        state.State.Erased = _erased.Count > 0 ? _erased : null;
        _counts.Save(state.State);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        finally
        {
            // Only for the write: holding it would keep a second copy of the counts.
            state.State.Users = null;
            state.State.Submissions = null;
            state.State.Activity = null;
            state.State.Newsletter = null;
        }
    }

    public async Task ForgetAsync(string userId, long through)
    {
        var key = ErasedPerson.Key(userId);
        var done = _erased.GetValueOrDefault(key);
        if (through <= done)
        {
            return;
        }

        // Counted up to `through` first, so what is taken out is exactly what was counted.
        await _follower.CatchUpAsync(upTo: through);
        var theirs = new List<LoggedEvent>();
        for (var after = done; ;)
        {
            var page = await log.ReadUserAsync(_tenantId, userId, after, options.Value.BatchSize, CancellationToken.None);
            theirs.AddRange(page.Where(e => e.ActorId == userId && e.Sequence <= through));
            if (page.Count < options.Value.BatchSize || page[^1].Sequence >= through)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        var report = _counts.TakesReports
            ? await GrainFactory.GetGrain<IDashboardWriterGrain>(DashboardKey.Of(_tenantId, userId)).ReportAsync()
            : new DashboardReport(userId, 0, 0, through);
        _counts.Forget(userId, StatsBatch.Of(done + 1, through, theirs), report);
        _erased[key] = through;
        if (!await _follower.SaveNowAsync())
        {
            throw new InvalidOperationException($"Statistics section {this.GetPrimaryKeyString()} could not be saved; run the erasure again.");
        }
    }

    public async Task<StatsSectionRead> ReadAsync()
    {
        await _follower.EnsureCurrentAsync();
        return _counts.Read(StatsPeriods.Of(timeProvider.GetUtcNow()));
    }
}
