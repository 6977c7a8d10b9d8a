using Activity.Abstractions.Dashboard;
using Activity.Domain.Feed;
using Activity.Domain.Stats;
using Activity.Grains.Ingest;
using Activity.Grains.Milestones;
using Activity.Grains.Projections;
using Activity.Grains.Stats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace Activity.Grains.Dashboard;

/// <summary>
/// Passes a tenant's events to its users' dashboards and its statistics sections in log order, a
/// projection of the log whose output is calls: a <see cref="LogFollower{TBatch}"/> takes the
/// ingestor's hand-overs, and every <see cref="DashboardOptions.FlushInterval"/> at most the router
/// gives each user whose counted events arrived one call with all of them, then each statistics
/// section the whole range, gathered (<see cref="StatsBatch"/>), with the users' new totals. How far it
/// has passed the log on is saved now and then; an activation starts there, and dashboards and
/// sections ignore what they already counted, so passing an event on twice is harmless.
/// </summary>
[GrainType(TenantProjections.DashboardRouter)]
[RandomPlacement]
internal sealed partial class DashboardRouterGrain(
    [PersistentState("dashboard-router", ActivityProviders.Storage)] IPersistentState<DashboardRouterState> state,
    IEventLog log,
    MilestoneRulesCache milestoneRules,
    TimeProvider timeProvider,
    IOptions<DashboardOptions> options,
    ILogger<DashboardRouterGrain> logger) : Grain, IDashboardRouterGrain, IProjection<EventBatch>
{
    // Beyond this many users the router forgets what it passed to whom: each then reads the log once.
    private const int RememberedUsers = 100_000;
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, long> _lastPassed = new(StringComparer.Ordinal);

    // Since this sequence the router has passed on every event, and remembers whom it passed what: a user
    // it does not remember (and need not ask again) had nothing after it, so their dashboard, at or past
    // it, reads nothing of the log (a tenant's new users, thousands a second under load, each read the
    // log's recent stretch at their activation before).
    private long _passedNothingSince;

    // Users whose delivery failed (their dashboard's silo died, say): asked again until they answer,
    // so a dashboard that dies holding a milestone it found comes back and emits it. Saved as soon as
    // it changes, so a new activation of the router asks them too.
    private readonly HashSet<string> _retry = new(StringComparer.Ordinal);
    private bool _retryChanged;
    private LogFollower<EventBatch> _follower = null!;
    private IGrainTimer _retryTimer = null!;
    private long _delivered;

    private string TenantId => this.GetPrimaryKeyString();

    long IProjection<EventBatch>.Checkpoint => _delivered;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _retryTimer = this.RegisterGrainTimer(RetryAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var o = options.Value;
        var settings = new FollowerSettings(o.FlushInterval, o.GapPatience, o.BatchSize, SaveEvery);
        _follower = new LogFollower<EventBatch>(this, this, settings, timeProvider, logger, () => this.AsReference<IDashboardRouterGrain>().FlushAsync());

        // No catch-up here: a router that starts behind (a deployment upgraded with events in its log)
        // may have a whole history to pass on, which the sweep's wake-up does, not an activation.
        await _follower.StartAsync(catchUp: false);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _follower.StopAsync(reason);

    public Task AppendedAsync(EventBatch batch) => _follower.HandOverAsync(batch);

    public Task FlushAsync() => _follower.FlushAsync();

    public async Task CatchUpAsync(long lastSequence)
    {
        await _follower.CatchUpToAsync(lastSequence);
        await RetryAsync();
    }

    public async Task<int> DrainAsync()
    {
        var passed = await _follower.DrainAsync();
        await RetryAsync();
        if (_retry.Count > 0)
        {
            throw new TimeoutException($"The dashboards of {_retry.Count} users of tenant {TenantId} did not answer (their silo may have just died); they are asked again every second. Drain again in a moment.");
        }

        return passed;
    }

    Task IProjection<EventBatch>.LoadAsync(CancellationToken cancellationToken)
    {
        _delivered = state.State.Delivered;
        _passedNothingSince = _delivered;
        _retry.UnionWith(state.State.Unanswered ?? []);
        if (_retry.Count > 0)
        {
            _retryTimer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    Task<long> IProjection<EventBatch>.HighWaterAsync(CancellationToken cancellationToken) => log.HighWaterAsync(TenantId, cancellationToken);

    Task<EventBatch?> IProjection<EventBatch>.ReadAsync(long after, long upTo, int max, CancellationToken cancellationToken) =>
        EventBatch.ReadAsync(log, TenantId, after, upTo, max, cancellationToken);

    EventBatch? IProjection<EventBatch>.After(EventBatch batch, long checkpoint) => batch.After(checkpoint);

    async Task IProjection<EventBatch>.ApplyAsync(IReadOnlyList<EventBatch> batches, CancellationToken cancellationToken)
    {
        await PassOnAsync([.. batches.SelectMany(b => b.Events)], batches[^1].Last);
        await RetryLaterAsync();
    }

    // An older position only means passing some events on again, which dashboards ignore.
    async Task IProjection<EventBatch>.SaveAsync(CancellationToken cancellationToken)
    {
        state.State.Delivered = _delivered;
        state.State.Unanswered = _retry.Count == 0 ? null : [.. _retry];
        _retryChanged = false;
        await state.WriteStateAsync(cancellationToken);
    }

    // Asks the dashboards whose delivery failed to read the log (a delivery with nothing, and no
    // "previous"), then gives the activity statistics their totals.
    private async Task RetryAsync()
    {
        if (_retry.Count == 0)
        {
            return;
        }

        var reports = (await Task.WhenAll(_retry.ToList().Select(user => DeliverAsync(user, [])))).OfType<DashboardReport>().ToList();
        if (reports.Count > 0)
        {
            await ReportAsync(reports);
        }

        await RetryLaterAsync();
    }

    // Stores who is still to be asked when that changed, and asks them again in a moment.
    private async Task RetryLaterAsync()
    {
        if (_retryChanged)
        {
            await _follower.SaveNowAsync();
        }

        if (_retry.Count > 0)
        {
            _retryTimer.Change(RetryEvery, Timeout.InfiniteTimeSpan);
        }
    }

    // One call per user with all of their counted events, all users at once, then the statistics
    // sections; the log is passed on up to `upTo` once every call is back. A user whose call failed is
    // forgotten, so their next delivery says so and their dashboard reads the log; a section whose call
    // failed finds a gap at its next range and reads the log.
    private async Task PassOnAsync(List<LoggedEvent> events, long upTo)
    {
        var first = _delivered + 1;

        // With milestone rules on, dashboards watch every event of their user, not only engagement.
        var everyActor = (await milestoneRules.GetAsync(TenantId)).Any;
        var perUser = new Dictionary<string, List<LoggedEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            foreach (var user in DashboardEvents.UsersOf(e, everyActor))
            {
                if (!perUser.TryGetValue(user, out var mine))
                {
                    perUser[user] = mine = [];
                }

                mine.Add(e);
            }
        }

        if (_lastPassed.Count + perUser.Count > RememberedUsers)
        {
            _lastPassed.Clear();
            _passedNothingSince = _delivered;
        }

        var reports = (await Task.WhenAll(perUser.Select(p => DeliverAsync(p.Key, p.Value)))).OfType<DashboardReport>().ToList();
        var batch = StatsBatch.Of(first, upTo, events);
        await Task.WhenAll(StatsSections.All.Select(section => CountAsync(section, batch, section == StatsSection.Activity ? reports : [])));
        _delivered = Math.Max(_delivered, upTo);
    }

    private async Task<DashboardReport?> DeliverAsync(string userId, List<LoggedEvent> events)
    {
        long? previous = _lastPassed.TryGetValue(userId, out var last) ? last : _retry.Contains(userId) ? null : _passedNothingSince;
        try
        {
            var report = await GrainFactory.GetGrain<IDashboardWriterGrain>(DashboardKey.Of(TenantId, userId)).DeliverAsync(events, previous);
            if (events.Count > 0)
            {
                _lastPassed[userId] = events[^1].Sequence;
            }

            _retryChanged |= _retry.Remove(userId);
            return report;
        }
        catch (Exception exception)
        {
            _lastPassed.Remove(userId);
            _retryChanged |= _retry.Add(userId);
            LogDeliveryFailed(logger, exception, TenantId, userId, _delivered);
            return null;
        }
    }

    private async Task CountAsync(StatsSection section, StatsBatch batch, IReadOnlyList<DashboardReport> reports)
    {
        try
        {
            await Section(section).AppendedAsync(batch, reports);
        }
        catch (Exception exception)
        {
            LogCountFailed(logger, exception, TenantId, section.Name(), batch.First, batch.Last);
        }
    }

    private async Task ReportAsync(IReadOnlyList<DashboardReport> reports)
    {
        try
        {
            await Section(StatsSection.Activity).ReportAsync(reports);
        }
        catch (Exception exception)
        {
            LogCountFailed(logger, exception, TenantId, StatsSection.Activity.Name(), _delivered, _delivered);
        }
    }

    private IStatsSectionGrain Section(StatsSection section) => GrainFactory.GetGrain<IStatsSectionGrain>(StatsSections.Key(TenantId, section));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering events of tenant {TenantId} to the dashboard of {UserId} failed (router at {Delivered}); it is asked again every second and reads the log")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string tenantId, string userId, long delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passing events {First}-{Last} of tenant {TenantId} to its {Section} statistics failed; the section reads the log at its next range or activation")]
    private static partial void LogCountFailed(ILogger logger, Exception exception, string tenantId, string section, long first, long last);
}
