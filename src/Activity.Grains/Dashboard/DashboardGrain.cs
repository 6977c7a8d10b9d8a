using Activity.Abstractions.Dashboard;
using Activity.Domain.Dashboard;
using Activity.Domain.Feed;
using Activity.Domain.Milestones;
using Activity.Grains.Erasure;
using Activity.Grains.Ingest;
using Activity.Grains.Milestones;
using Activity.Grains.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace Activity.Grains.Dashboard;

/// <summary>
/// One user's dashboard (key: tenant/user): a projection of the user's share of the tenant's log, held
/// in memory and saved with its checkpoint every <see cref="DashboardOptions.SaveInterval"/> while it
/// changes, and on deactivation; a write that finds another activation wrote first (its ETag moved)
/// deactivates this one, which starts over. The tenant's <see cref="DashboardRouterGrain"/> hands it the
/// user's events; a <see cref="LogFollower{TBatch}"/> applies them and reads the user's events from the
/// log where a delivery does not continue the checkpoint. An activation restores the snapshot and reads
/// the user's newer events from the log before it answers a question, so its numbers always equal a
/// recomputation from the log; one that a delivery woke reads only what the delivery does not say it
/// covers (a tenant's new users read nothing: the router says it passed them nothing before). It also
/// watches the user's own events for the tenant's milestone rules and emits what they cross
/// (<see cref="DashboardGrain"/>.Milestones.cs).
/// </summary>
/// <remarks>
/// Placed on the silo of its first caller, which is nearly always its tenant's router delivering events:
/// the router makes a call per user per flush, thousands a second under load, and at random half of them
/// crossed to another silo. Measured with two silos, emits through one: 13,000–16,000 /s at 95–108 µs of
/// CPU per event, against 9,600–13,500 /s at 113–166 µs at random. Tenants' routers are still spread.
/// </remarks>
[GrainType("user-dashboard")]
[PreferLocalPlacement]
internal sealed partial class DashboardGrain(
    [PersistentState("dashboard", ActivityProviders.Storage)] IPersistentState<DashboardState> state,
    IEventLog log,
    MilestoneRulesCache milestoneRules,
    EventIngestor ingestor,
    TimeProvider timeProvider,
    IOptions<DashboardOptions> options,
    ILogger<DashboardGrain> logger) : Grain, IDashboardGrain, IDashboardWriterGrain, IProjection<EventBatch>
{
    private UserDashboard _dashboard = null!;
    // Null until the user's own events meet milestone rules: most dashboards never need one.
    private MilestoneTracker? _milestones;
    private MilestoneRules _rules = MilestoneRules.Off;
    private LogFollower<EventBatch> _follower = null!;
    private string _tenantId = null!;

    long IProjection<EventBatch>.Checkpoint => _dashboard.Checkpoint;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, var userId) = DashboardKey.Parse(this.GetPrimaryKeyString());
        _rules = await milestoneRules.GetAsync(_tenantId);
        var settings = new FollowerSettings(TimeSpan.Zero, TimeSpan.Zero, options.Value.BatchSize, options.Value.SaveInterval, Inline: true);
        _follower = new LogFollower<EventBatch>(this, this, settings, timeProvider, logger);

        // No catch-up yet: most activations come with a delivery, which says what it covers.
        await _follower.StartAsync(catchUp: false);

        // Milestones found before this activation whose events did not make it into the log: the log is
        // read first (an event that made it in clears its milestone), then what is still pending goes out.
        if (_milestones is { Pending.Count: > 0 })
        {
            await _follower.EnsureCurrentAsync();
        }

        await EmitMilestonesAsync();
        LogActivated(logger, this.GetPrimaryKeyString(), _dashboard.Checkpoint);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _follower.StopAsync(reason);

    public async Task<DashboardReport> DeliverAsync(IReadOnlyList<LoggedEvent> events, long? previous)
    {
        // The router passed this user everything up to `previous`; when this dashboard has not seen that
        // far (a delivery failed or went to another activation), or the router does not know, the log tells.
        _rules = await milestoneRules.GetAsync(_tenantId);
        if (events.Count == 0)
        {
            await _follower.CatchUpAsync();
        }
        else
        {
            await _follower.HandOverAsync(new EventBatch(previous is { } p ? p + 1 : Unknown, events[^1].Sequence, events));
        }

        await EmitMilestonesAsync();
        return Report();
    }

    // A delivery whose "previous" the router does not know starts here, before any sequence: it cannot be
    // cut at the checkpoint, so the follower reads the user's events up to its end from the log instead.
    private const long Unknown = 0;

    Task IProjection<EventBatch>.LoadAsync(CancellationToken cancellationToken)
    {
        var userId = DashboardKey.Parse(this.GetPrimaryKeyString()).UserId;
        _dashboard = state.State.Snapshot is { } snapshot ? UserDashboard.Restore(snapshot) : new UserDashboard(userId);
        _milestones = state.State.Milestones is { } tracked ? MilestoneTracker.Restore(tracked) : null;
        (state.State.Snapshot, state.State.Milestones) = (null, null); // restored: no second copy
        return Task.CompletedTask;
    }

    Task<long> IProjection<EventBatch>.HighWaterAsync(CancellationToken cancellationToken) => log.HighWaterAsync(_tenantId, cancellationToken);

    async Task<EventBatch?> IProjection<EventBatch>.ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Min(max, upTo - after);
        return EventBatch.Covering(await log.ReadUserAsync(_tenantId, _dashboard.UserId, after, wanted, cancellationToken), after, upTo, wanted);
    }

    EventBatch? IProjection<EventBatch>.After(EventBatch batch, long checkpoint) => batch.First == Unknown ? null : batch.After(checkpoint);

    // Every event of the user once, in log order: the counts, and the milestones of their own events.
    Task IProjection<EventBatch>.ApplyAsync(IReadOnlyList<EventBatch> batches, CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
        {
            foreach (var e in batch.Events)
            {
                Apply(e);
            }

            _dashboard.CountedThrough(batch.Last);
        }

        return Task.CompletedTask;
    }

    async Task IProjection<EventBatch>.SaveAsync(CancellationToken cancellationToken)
    {
        state.State.Snapshot = _dashboard.ToSnapshot();
        state.State.Milestones = _milestones?.ToSnapshot();
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        finally
        {
            // The snapshot is only for the write: holding it would keep a second copy of the dashboard.
            state.State.Snapshot = null;
            state.State.Milestones = null;
        }
    }

    public async Task<DashboardReport> ReportAsync()
    {
        await _follower.EnsureCurrentAsync();
        return Report();
    }

    public async Task<DashboardReport> ResetAsync(long through)
    {
        _dashboard = UserDashboard.StartingAfter(_dashboard.UserId, through);
        _milestones = null;
        await _follower.CatchUpAsync();
        await SaveNowAsync();
        return Report();
    }

    public async Task<int> ForgetActorAsync(string actorId, long through, IReadOnlyList<ErasedView> views)
    {
        // Views are taken back only once they are counted, and each once: the record below says how far.
        await _follower.CatchUpAsync();
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
        if (!await _follower.SaveNowAsync())
        {
            throw new InvalidOperationException($"Dashboard {this.GetPrimaryKeyString()} could not be saved; run the erasure again.");
        }
    }

    public async Task<DashboardSummary> SummaryAsync()
    {
        await _follower.EnsureCurrentAsync();
        var t = _dashboard.Totals();
        return new DashboardSummary(_dashboard.UserId, t.TotalActivity, t.UniqueItemsInteracted, t.VotesReceived, t.CommentsReceived, t.Submissions, t.ViewsReceived);
    }

    public async Task<IReadOnlyList<WeekEngagement>> WeeklyAsync(int weeks)
    {
        await _follower.EnsureCurrentAsync();
        return _dashboard.Weekly(timeProvider.GetUtcNow(), weeks);
    }

    public async Task<IReadOnlyList<DayEngagement>> DailyAsync(int days)
    {
        await _follower.EnsureCurrentAsync();
        return _dashboard.Daily(timeProvider.GetUtcNow(), days);
    }

    public async Task<IReadOnlyList<ItemEngagement>> TopItemsAsync(int limit)
    {
        await _follower.EnsureCurrentAsync();
        return _dashboard.TopItems(limit);
    }

    private DashboardReport Report() => new(_dashboard.UserId, _dashboard.VotesMade, _dashboard.CommentsMade, _dashboard.Checkpoint);

    private void Apply(LoggedEvent e)
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dashboard {Key} activated at checkpoint {Checkpoint}")]
    private static partial void LogActivated(ILogger logger, string key, long checkpoint);
}
