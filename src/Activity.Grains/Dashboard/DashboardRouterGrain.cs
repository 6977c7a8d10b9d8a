using Activity.Abstractions.Dashboard;
using Activity.Domain.Feed;
using Activity.Domain.Stats;
using Activity.Grains.Ingest;
using Activity.Grains.Milestones;
using Activity.Grains.Stats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace Activity.Grains.Dashboard;

/// <summary>
/// Passes a tenant's events to its users' dashboards and its statistics sections in log order: the
/// ingestor hands it each write's range of the log, and every <see cref="DashboardOptions.FlushInterval"/>
/// it gives each user whose counted events arrived one call with all of them, then each statistics
/// section the whole range, gathered (<see cref="StatsBatch"/>), with the users' new totals. A range after a gap waits for the ranges before it (writes
/// that commit together can hand over out of order) and, when they do not come within
/// <see cref="DashboardOptions.GapPatience"/>, the router reads the log instead. How far it has passed
/// the log on is saved now and then; an activation starts there, and dashboards ignore what they
/// already counted, so passing an event on twice is harmless.
/// </summary>
[GrainType("dashboard-router")]
[RandomPlacement]
internal sealed partial class DashboardRouterGrain(
    [PersistentState("dashboard-router", ActivityProviders.Storage)] IPersistentState<DashboardRouterState> state,
    IActivityQueue log,
    MilestoneRulesCache milestoneRules,
    TimeProvider timeProvider,
    IOptions<DashboardOptions> options,
    ILogger<DashboardRouterGrain> logger) : Grain, IDashboardRouterGrain
{
    // Beyond this many users the router forgets what it passed to whom: each then reads the log once.
    private const int RememberedUsers = 100_000;
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private readonly List<HandOver> _handedOver = [];
    private readonly Dictionary<string, long> _lastPassed = new(StringComparer.Ordinal);

    // Users whose delivery failed (their dashboard's silo died, say): asked again until they answer,
    // so a dashboard that dies holding a milestone it found comes back and emits it.
    private readonly HashSet<string> _retry = new(StringComparer.Ordinal);
    private IGrainTimer _flushTimer = null!;
    private bool _flushQueued;
    private long? _gapSeenAt;
    private long _delivered;

    private string TenantId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _delivered = state.State.Delivered;
        _flushTimer = this.RegisterGrainTimer(FlushAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        this.RegisterGrainTimer(SaveAsync, SaveEvery, SaveEvery);
        return Task.CompletedTask;
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

    public Task AppendedAsync(long first, long last, IReadOnlyList<FeedEvent> events)
    {
        _handedOver.Add(new HandOver(first, last, events));
        if (!_flushQueued)
        {
            _flushQueued = true;
            _flushTimer.Change(options.Value.FlushInterval, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    public async Task FlushAsync()
    {
        _flushQueued = false;
        try
        {
            await PassOnHandedOverAsync();
            await RetryAsync();
        }
        catch (Exception exception)
        {
            // Nobody waits for a flush: say it here. The events are in the log for the next flush or sweep.
            LogFlushFailed(logger, exception, TenantId, _delivered);
        }
    }

    public async Task ProcessAsync(long lastSequence)
    {
        if (lastSequence > _delivered)
        {
            await PassOnHandedOverAsync();
        }

        if (lastSequence > _delivered)
        {
            await CatchUpAsync();
        }

        await RetryAsync();
    }

    public async Task<int> DrainAsync()
    {
        var passed = await PassOnHandedOverAsync() + await CatchUpAsync();
        await RetryAsync();
        if (_retry.Count > 0)
        {
            throw new TimeoutException($"The dashboards of {_retry.Count} users of tenant {TenantId} did not answer (their silo may have just died); they are asked again every second. Drain again in a moment.");
        }

        return passed;
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
            await CountAsync(StatsSection.Activity, StatsBatch.Of(_delivered + 1, _delivered, []), reports);
        }

        if (_retry.Count > 0 && !_flushQueued)
        {
            _flushQueued = true;
            _flushTimer.Change(RetryEvery, Timeout.InfiniteTimeSpan);
        }
    }

    // Passes on the handed-over ranges that continue from what was delivered; ranges after a gap wait.
    private async Task<int> PassOnHandedOverAsync()
    {
        _handedOver.Sort(static (a, b) => a.First.CompareTo(b.First));
        var events = new List<FeedEvent>();
        var upTo = _delivered;
        var taken = 0;
        foreach (var range in _handedOver)
        {
            if (range.Last <= upTo)
            {
                taken++;
                continue;
            }

            if (range.First > upTo + 1)
            {
                break;
            }

            events.AddRange(range.Events.Where(e => e.Sequence > upTo));
            upTo = range.Last;
            taken++;
        }

        _handedOver.RemoveRange(0, taken);
        await PassOnAsync(events, upTo);
        if (_handedOver.Count == 0)
        {
            _gapSeenAt = null;
            return events.Count;
        }

        // A gap: give the missing ranges a moment, then read them from the log.
        _gapSeenAt ??= timeProvider.GetTimestamp();
        var waited = timeProvider.GetElapsedTime(_gapSeenAt.Value);
        if (waited >= options.Value.GapPatience)
        {
            LogGapRead(logger, TenantId, _delivered);
            return events.Count + await CatchUpAsync();
        }

        _flushQueued = true;
        _flushTimer.Change(options.Value.GapPatience - waited, Timeout.InfiniteTimeSpan);
        return events.Count;
    }

    private async Task<int> CatchUpAsync()
    {
        var passed = 0;
        while (true)
        {
            var events = await log.ReadAsync(TenantId, _delivered, options.Value.BatchSize, CancellationToken.None);
            if (events.Count == 0)
            {
                _handedOver.RemoveAll(r => r.Last <= _delivered);
                _gapSeenAt = _handedOver.Count > 0 ? _gapSeenAt : null;
                return passed;
            }

            await PassOnAsync([.. events], events[^1].Sequence);
            passed += events.Count;
        }
    }

    // One call per user with all of their counted events, all users at once, then the statistics
    // sections; the log is passed on up to `upTo` once every call is back. A user whose call failed is
    // forgotten, so their next delivery says so and their dashboard reads the log; a section whose call
    // failed finds a gap at its next range and reads the log.
    private async Task PassOnAsync(List<FeedEvent> events, long upTo)
    {
        var first = _delivered + 1;
        if (upTo < first)
        {
            return;
        }

        // With milestone rules on, dashboards watch every event of their user, not only engagement.
        var everyActor = (await milestoneRules.GetAsync(TenantId)).Any;
        var perUser = new Dictionary<string, List<FeedEvent>>(StringComparer.Ordinal);
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
        }

        var reports = (await Task.WhenAll(perUser.Select(p => DeliverAsync(p.Key, p.Value)))).OfType<DashboardReport>().ToList();
        var batch = StatsBatch.Of(first, upTo, events);
        await Task.WhenAll(StatsSections.All.Select(section => CountAsync(section, batch, section == StatsSection.Activity ? reports : [])));
        _delivered = Math.Max(_delivered, upTo);
    }

    private async Task<DashboardReport?> DeliverAsync(string userId, List<FeedEvent> events)
    {
        long? previous = _lastPassed.TryGetValue(userId, out var last) ? last : null;
        try
        {
            var report = await GrainFactory.GetGrain<IDashboardWriterGrain>(DashboardKey.Of(TenantId, userId)).DeliverAsync(events, previous);
            if (events.Count > 0)
            {
                _lastPassed[userId] = events[^1].Sequence;
            }

            _retry.Remove(userId);
            return report;
        }
        catch (Exception exception)
        {
            _lastPassed.Remove(userId);
            _retry.Add(userId);
            LogDeliveryFailed(logger, exception, TenantId, userId, _delivered);
            return null;
        }
    }

    private async Task CountAsync(StatsSection section, StatsBatch batch, IReadOnlyList<DashboardReport> reports)
    {
        try
        {
            await GrainFactory.GetGrain<IStatsSectionGrain>(StatsSections.Key(TenantId, section)).AppendedAsync(batch, reports);
        }
        catch (Exception exception)
        {
            LogCountFailed(logger, exception, TenantId, section.Name(), batch.First, batch.Last);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (state.State.Delivered == _delivered)
        {
            return;
        }

        state.State.Delivered = _delivered;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // An older position only means passing some events on again, which dashboards ignore.
            LogSaveFailed(logger, exception, TenantId, _delivered);
            if (exception is InconsistentStateException)
            {
                this.DeactivateOnIdle();
            }
        }
    }

    private sealed record HandOver(long First, long Last, IReadOnlyList<FeedEvent> Events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passing tenant {TenantId}'s events on to dashboards failed after {Delivered}; they stay in the log for the next flush or sweep")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string tenantId, long delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering events of tenant {TenantId} to the dashboard of {UserId} failed (router at {Delivered}); it is asked again every second and reads the log")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string tenantId, string userId, long delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passing events {First}-{Last} of tenant {TenantId} to its {Section} statistics failed; the section reads the log at its next range or activation")]
    private static partial void LogCountFailed(ILogger logger, Exception exception, string tenantId, string section, long first, long last);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Events of tenant {TenantId} after {Delivered} did not come to its dashboard router; reading them from the log")]
    private static partial void LogGapRead(ILogger logger, string tenantId, long delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the dashboard router position {Delivered} of tenant {TenantId} failed; a new activation passes some events on again")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string tenantId, long delivered);
}
