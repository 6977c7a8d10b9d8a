using Activity.Abstractions.Dashboard;
using Activity.Domain.Dashboard;
using Activity.Domain.Feed;
using Activity.Grains.Ingest;
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
/// </summary>
[GrainType("user-dashboard")]
[RandomPlacement]
internal sealed partial class DashboardGrain(
    [PersistentState("dashboard", ActivityProviders.Storage)] IPersistentState<DashboardState> state,
    IActivityQueue log,
    TimeProvider timeProvider,
    IOptions<DashboardOptions> options,
    ILogger<DashboardGrain> logger) : Grain, IDashboardGrain, IDashboardWriterGrain
{
    private UserDashboard _dashboard = null!;
    private string _tenantId = null!;
    private long _saved;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, var userId) = DashboardKey.Parse(this.GetPrimaryKeyString());
        _dashboard = state.State.Snapshot is { } snapshot ? UserDashboard.Restore(snapshot) : new UserDashboard(userId);
        _saved = _dashboard.Checkpoint;
        var read = await CatchUpAsync(cancellationToken);
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
        if (previous is null || previous > _dashboard.Checkpoint)
        {
            await CatchUpAsync(CancellationToken.None);
        }

        foreach (var e in events)
        {
            _dashboard.Apply(e);
        }

        return Report();
    }

    public Task<DashboardReport> ReportAsync() => Task.FromResult(Report());

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
                _dashboard.Apply(e);
            }

            read += events.Count;
            if (events.Count < options.Value.BatchSize)
            {
                return read;
            }
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_dashboard.Checkpoint == _saved)
        {
            return;
        }

        var checkpoint = _dashboard.Checkpoint;
        state.State.Snapshot = _dashboard.ToSnapshot();
        try
        {
            await state.WriteStateAsync(cancellationToken);
            _saved = checkpoint;
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
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dashboard {Key} activated at checkpoint {Saved}; read {Read} newer events from the log, now at {Checkpoint}")]
    private static partial void LogActivated(ILogger logger, string key, long saved, int read, long checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving dashboard {Key} at checkpoint {Checkpoint} failed; the log still holds its events")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string key, long checkpoint);
}
