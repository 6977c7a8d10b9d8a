using Activity.Abstractions.Dashboard;
using Activity.Domain.Stats;
using Activity.Grains.Dashboard;
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
    private string _tenantId = null!;
    private long _checkpoint;
    private long _saved;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, var section) = StatsSections.Parse(this.GetPrimaryKeyString());
        _counts = SectionCounts.Restore(section, state.State);
        _checkpoint = _saved = state.State.Checkpoint;
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

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_checkpoint == _saved)
        {
            return;
        }

        var checkpoint = _checkpoint;
        state.State.Checkpoint = checkpoint;
        _counts.Save(state.State);
        try
        {
            await state.WriteStateAsync(cancellationToken);
            _saved = checkpoint;
        }
        catch (Exception exception)
        {
            LogSaveFailed(logger, exception, this.GetPrimaryKeyString(), checkpoint);
            if (exception is InconsistentStateException)
            {
                this.DeactivateOnIdle();
            }
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
