using Activity.Abstractions.Dashboard;
using Activity.Domain.Feed;
using Activity.Domain.Stats;
using Activity.Grains.Dashboard;
using Activity.Grains.Erasure;
using Activity.Grains.Ingest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace Activity.Grains.Stats;

/// <summary>
/// One section of a tenant's statistics: a snapshot with a checkpoint over the tenant's log. An
/// activation restores the snapshot and reads the log past its checkpoint before it answers; then the
/// tenant's router feeds it each range it passes on. The activity section adds up what users'
/// dashboards report, and asks them directly for the users it finds in the log. Saved like a dashboard.
/// </summary>
[GrainType("tenant-stats-section")]
[RandomPlacement]
internal sealed partial class StatsSectionGrain(
    [PersistentState("stats", ActivityProviders.Storage)] IPersistentState<StatsSectionState> state,
    IActivityQueue log,
    TimeProvider timeProvider,
    IOptions<DashboardOptions> options,
    ILogger<StatsSectionGrain> logger) : Grain, IStatsSectionGrain
{
    private SectionCounts _counts = null!;
    private Dictionary<string, long> _erased = [];
    private string _tenantId = null!;
    private long _checkpoint;
    private long _saved;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, var section) = StatsSections.Parse(this.GetPrimaryKeyString());
        _counts = SectionCounts.Restore(section, state.State);
        _checkpoint = _saved = state.State.Checkpoint;
        _erased = state.State.Erased ?? [];
        (state.State.Users, state.State.Submissions, state.State.Activity, state.State.Newsletter) = (null, null, null, null); // restored: no second copy
        await CatchUpAsync();
        var every = options.Value.SaveInterval;
        this.RegisterGrainTimer(SaveAsync, every, every);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // As a dashboard: not on shutdown, when storage may be going too; the log covers the difference.
        if (reason.ReasonCode is not (DeactivationReasonCode.ApplicationError or DeactivationReasonCode.ShuttingDown))
        {
            await SaveAsync(cancellationToken);
        }
    }

    public async Task AppendedAsync(StatsBatch batch, IReadOnlyList<DashboardReport> reports)
    {
        if (batch.First == _checkpoint + 1)
        {
            _counts.Apply(batch);
            _checkpoint = batch.Last;
        }
        else if (batch.Last > _checkpoint)
        {
            // A range after a gap, or one that overlaps what is counted (this section read the log
            // further at activation, or the router started over from an older position): read the log
            // up to the range's end, each event counted once, and go on in step with the router.
            await CatchUpAsync(upTo: batch.Last);
        }

        foreach (var report in reports)
        {
            _counts.Report(report);
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
        await CatchUpAsync(upTo: through);
        var theirs = new List<FeedEvent>();
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
        if (!await SaveAsync(force: true, CancellationToken.None))
        {
            throw new InvalidOperationException($"Statistics section {this.GetPrimaryKeyString()} could not be saved; run the erasure again.");
        }
    }

    public Task<StatsSectionRead> ReadAsync() => Task.FromResult(_counts.Read(StatsPeriods.Of(timeProvider.GetUtcNow())));

    // Reads the log past the checkpoint, to its end or to `upTo`.
    private async Task CatchUpAsync(long upTo = long.MaxValue)
    {
        while (_checkpoint < upTo)
        {
            var max = (int)Math.Min(options.Value.BatchSize, upTo - _checkpoint);
            var events = await log.ReadAsync(_tenantId, _checkpoint, max, CancellationToken.None);
            if (events.Count == 0)
            {
                return;
            }

            var batch = StatsBatch.Of(events[0].Sequence, events[^1].Sequence, events);
            _counts.Apply(batch);
            if (_counts.TakesReports)
            {
                var reports = await Task.WhenAll(batch.Engaged.Select(user =>
                    GrainFactory.GetGrain<IDashboardWriterGrain>(DashboardKey.Of(_tenantId, user)).ReportAsync()));
                foreach (var report in reports)
                {
                    _counts.Report(report);
                }
            }

            _checkpoint = batch.Last;
        }
    }

    private Task SaveAsync(CancellationToken cancellationToken) => SaveAsync(force: false, cancellationToken);

    private async Task<bool> SaveAsync(bool force, CancellationToken cancellationToken)
    {
        if (_checkpoint == _saved && !force)
        {
            return true;
        }

        var checkpoint = _checkpoint;
        state.State.Checkpoint = checkpoint;
        state.State.Erased = _erased.Count > 0 ? _erased : null;
        _counts.Save(state.State);
        try
        {
            await state.WriteStateAsync(cancellationToken);
            _saved = checkpoint;
            return true;
        }
        catch (Exception exception)
        {
            LogSaveFailed(logger, exception, this.GetPrimaryKeyString(), checkpoint);
            if (exception is InconsistentStateException)
            {
                this.DeactivateOnIdle();
            }

            return false;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving statistics section {Key} at checkpoint {Checkpoint} failed; the log still holds its events")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string key, long checkpoint);
}
