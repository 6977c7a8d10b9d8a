using Activity.Abstractions.Dashboard;
using Activity.Domain.Dashboard;
using Activity.Domain.Feed;
using Activity.Domain.Milestones;
using Activity.Grains.Erasure;
using Activity.Grains.Ingest;
using Activity.Grains.Milestones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace Activity.Grains.Dashboard;

/// <summary>
/// One user's dashboard (key: tenant/user): a snapshot with a checkpoint over the tenant's log. An
/// activation restores the snapshot and reads the user's newer events from the log before it answers
/// anything, so its numbers always equal a recomputation from the log; after that the tenant's
/// <see cref="DashboardRouterGrain"/> feeds it. The snapshot is written every
/// <see cref="DashboardOptions.SaveInterval"/> while it changes, and on deactivation; a write that
/// finds another activation wrote first (its ETag moved) deactivates this one, which starts over.
/// It also watches the user's own events for the tenant's milestone rules and emits what they cross
/// (<see cref="DashboardGrain"/>.Milestones.cs).
/// </summary>
[GrainType("user-dashboard")]
[RandomPlacement]
internal sealed partial class DashboardGrain(
    [PersistentState("dashboard", ActivityProviders.Storage)] IPersistentState<DashboardState> state,
    IActivityQueue log,
    MilestoneRulesCache milestoneRules,
    EventIngestor ingestor,
    TimeProvider timeProvider,
    IOptions<DashboardOptions> options,
    ILogger<DashboardGrain> logger) : Grain, IDashboardGrain, IDashboardWriterGrain
{
    private UserDashboard _dashboard = null!;
    // Null until the user's own events meet milestone rules: most dashboards never need one.
    private MilestoneTracker? _milestones;
    private MilestoneRules _rules = MilestoneRules.Off;
    private string _tenantId = null!;
    private long _saved;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, var userId) = DashboardKey.Parse(this.GetPrimaryKeyString());
        _dashboard = state.State.Snapshot is { } snapshot ? UserDashboard.Restore(snapshot) : new UserDashboard(userId);
        _milestones = state.State.Milestones is { } tracked ? MilestoneTracker.Restore(tracked) : null;
        (state.State.Snapshot, state.State.Milestones) = (null, null); // restored: no second copy
        _saved = _dashboard.Checkpoint;
        _rules = await milestoneRules.GetAsync(_tenantId);
        var read = await CatchUpAsync(cancellationToken);

        // Milestones found before this activation whose events did not make it into the log.
        await EmitMilestonesAsync();
        var every = options.Value.SaveInterval;
        this.RegisterGrainTimer(SaveAsync, every, every);
        LogActivated(logger, this.GetPrimaryKeyString(), _saved, read, _dashboard.Checkpoint);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Not when the silo shuts down: grain storage may be going with it (memory storage lives in grains
        // that no longer answer), and the next activation reads what came since the last save from the log.
        if (reason.ReasonCode is not (DeactivationReasonCode.ApplicationError or DeactivationReasonCode.ShuttingDown))
        {
            await SaveAsync(cancellationToken);
        }
    }

    public async Task<DashboardReport> DeliverAsync(IReadOnlyList<FeedEvent> events, long? previous)
    {
        // The router passed this user everything up to `previous`; when this dashboard has not seen that
        // far (a delivery failed or went to another activation), or the router does not know, the log tells.
        _rules = await milestoneRules.GetAsync(_tenantId);
        if (previous is null || previous > _dashboard.Checkpoint)
        {
            await CatchUpAsync(CancellationToken.None);
        }

        foreach (var e in events)
        {
            Apply(e);
        }

        await EmitMilestonesAsync();
        return Report();
    }

    public Task<DashboardReport> ReportAsync() => Task.FromResult(Report());

    public async Task<DashboardReport> ResetAsync(long through)
    {
        _dashboard = UserDashboard.StartingAfter(_dashboard.UserId, through);
        _milestones = null;
        await CatchUpAsync(CancellationToken.None);
        await SaveNowAsync();
        return Report();
    }

    public async Task<int> ForgetActorAsync(string actorId, long through, IReadOnlyList<ErasedView> views)
    {
        // Views are taken back only once they are counted, and each once: the record below says how far.
        await CatchUpAsync(CancellationToken.None);
        var erased = state.State.ErasedActors ??= [];
        var key = ErasedPerson.Key(actorId);
        var done = erased.GetValueOrDefault(key);
        var counted = views.Where(v => v.Sequence > done && v.Sequence <= _dashboard.Checkpoint).ToList();
        var taken = _dashboard.ForgetActor(actorId);
        _dashboard.ForgetViews(counted.Select(v => v.Day));
        if (taken > 0 || counted.Count > 0 || through > done)
        {
            erased[key] = Math.Max(done, through);
            await SaveNowAsync();
        }

        return taken;
    }

    // An erasure waits for this: the snapshot in storage must not name the person any more.
    private async Task SaveNowAsync()
    {
        if (!await SaveAsync(force: true, CancellationToken.None))
        {
            throw new InvalidOperationException($"Dashboard {this.GetPrimaryKeyString()} could not be saved; run the erasure again.");
        }
    }

    public Task<DashboardSummary> SummaryAsync()
    {
        var t = _dashboard.Totals();
        return Task.FromResult(new DashboardSummary(_dashboard.UserId, t.TotalActivity, t.UniqueItemsInteracted, t.VotesReceived, t.CommentsReceived, t.Submissions, t.ViewsReceived));
    }

    public Task<IReadOnlyList<DashboardWeek>> WeeklyAsync(int weeks) =>
        Task.FromResult<IReadOnlyList<DashboardWeek>>([.. _dashboard.Weekly(timeProvider.GetUtcNow(), weeks).Select(w => new DashboardWeek(w.Week, w.Label, w.Votes, w.Comments))]);

    public Task<IReadOnlyList<DashboardDay>> DailyAsync(int days) =>
        Task.FromResult<IReadOnlyList<DashboardDay>>([.. _dashboard.Daily(timeProvider.GetUtcNow(), days).Select(d => new DashboardDay(d.Date, d.Day, d.Submissions, d.Views, d.Engagement))]);

    public Task<IReadOnlyList<DashboardItem>> TopItemsAsync(int limit) =>
        Task.FromResult<IReadOnlyList<DashboardItem>>([.. _dashboard.TopItems(limit).Select(i => new DashboardItem(i.ItemId, i.Votes, i.Comments))]);

    private DashboardReport Report() => new(_dashboard.UserId, _dashboard.VotesMade, _dashboard.CommentsMade, _dashboard.Checkpoint);

    private async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var read = 0;
        while (true)
        {
            var events = await log.ReadUserAsync(_tenantId, _dashboard.UserId, _dashboard.Checkpoint, options.Value.BatchSize, cancellationToken);
            foreach (var e in events)
            {
                Apply(e);
            }

            read += events.Count;
            if (events.Count < options.Value.BatchSize)
            {
                return read;
            }
        }
    }

    // Every event of the user once, in log order: the counts, and the milestones of their own events.
    private void Apply(FeedEvent e)
    {
        if (e.Sequence <= _dashboard.Checkpoint)
        {
            return;
        }

        _dashboard.Apply(e);
        if (e.ActorId == _dashboard.UserId && (_rules.Any || _milestones is { Pending.Count: > 0 }))
        {
            (_milestones ??= new MilestoneTracker()).Apply(e, _rules);
        }
    }

    private Task SaveAsync(CancellationToken cancellationToken) => SaveAsync(force: false, cancellationToken);

    private async Task<bool> SaveAsync(bool force, CancellationToken cancellationToken)
    {
        if (_dashboard.Checkpoint == _saved && !force)
        {
            return true;
        }

        var checkpoint = _dashboard.Checkpoint;
        state.State.Snapshot = _dashboard.ToSnapshot();
        state.State.Milestones = _milestones?.ToSnapshot();
        try
        {
            await state.WriteStateAsync(cancellationToken);
            _saved = checkpoint;
            return true;
        }
        catch (Exception exception)
        {
            // Nothing is lost: the events are in the log, and the next activation reads them from there.
            // After a conflict (another activation saved), this one's view is stale: start over.
            LogSaveFailed(logger, exception, this.GetPrimaryKeyString(), checkpoint);
            if (exception is InconsistentStateException)
            {
                this.DeactivateOnIdle();
            }

            return false;
        }
        finally
        {
            // The snapshot is only for the write: holding it would keep a second copy of the dashboard.
            state.State.Snapshot = null;
            state.State.Milestones = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dashboard {Key} activated at checkpoint {Saved}; read {Read} newer events from the log, now at {Checkpoint}")]
    private static partial void LogActivated(ILogger logger, string key, long saved, int read, long checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving dashboard {Key} at checkpoint {Checkpoint} failed; the log still holds its events")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string key, long checkpoint);
}
