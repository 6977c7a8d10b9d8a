using Activity.Abstractions.Dashboard;
using Activity.Domain.Dashboard;
using Activity.Domain.Time;
using Activity.Grains.Dashboard;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Stats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Erasure;

/// <summary>
/// Erases a person up to the log's last sequence when asked (S), in an order that keeps every count
/// equal to a recomputation from what the log keeps:
/// 1. dashboards and statistics are drained, so everything up to S is counted;
/// 2. the person's dashboard starts empty after S, the owners of items they engaged with take their
///    votes and comments back, and each statistics section takes their events up to S out (each counts
///    the log up to S first, so it takes out exactly what it counted);
/// 3. the log drops their events up to S and their name as item owner (the audit log with it);
/// 4. the owners are asked again (a dashboard that reloaded in between re-read them), and the feed
///    applies what is waiting and scrubs tiles, reactions, comments and its change log (an event of
///    theirs it had not applied is a tile only until then; one already deleted never becomes one).
/// Events they send while this runs (after S) are new, and stay.
/// </summary>
[GrainType("user-erasure")]
internal sealed partial class ErasureGrain(
    IEventLog log,
    IOptions<DashboardOptions> dashboards,
    ILogger<ErasureGrain> logger) : Grain, IErasureGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task<ErasureReport> EraseAsync(string userId)
    {
        var through = (await log.HighWatersAsync(CancellationToken.None)).GetValueOrDefault(TenantId);
        var owners = await OwnersEngagedAsync(userId, through);
        int dashboardsReset = 0, takenBack = 0, sections = 0;
        if (dashboards.Value.Enabled)
        {
            await GrainFactory.GetGrain<IDashboardRouterGrain>(TenantId).DrainAsync();
            await Dashboard(userId).ResetAsync(through);
            dashboardsReset = 1;
            takenBack = await ForgetInOwnersAsync(userId, through, owners);
            await Task.WhenAll(StatsSections.All.Select(section =>
                GrainFactory.GetGrain<IStatsSectionGrain>(StatsSections.Key(TenantId, section)).ForgetAsync(userId, through)));
            sections = StatsSections.All.Count;
        }

        var logged = await log.EraseUserAsync(TenantId, userId, through, CancellationToken.None);
        if (dashboards.Value.Enabled)
        {
            takenBack += await ForgetInOwnersAsync(userId, through, owners);
        }

        var feed = await GrainFactory.GetGrain<IFeedWriterGrain>(TenantId).EraseAsync(userId);
        var counts = new ErasedCounts(
            logged.Events, logged.OwnerMentions, feed.TilesRemoved, feed.TilesScrubbed, feed.Comments, feed.Reactions,
            feed.ChangeLogEntries, dashboardsReset, takenBack, sections);
        LogErased(logger, TenantId, through, counts);
        return new ErasureReport(userId, through, counts);
    }

    // The owners of the items their events up to `through` were on (their own items aside), with the
    // views they gave each: a view names no actor on the owner's dashboard, so the log must say.
    private async Task<Dictionary<string, List<ErasedView>>> OwnersEngagedAsync(string userId, long through)
    {
        const int Page = 1000;
        var owners = new Dictionary<string, List<ErasedView>>(StringComparer.Ordinal);
        for (long after = 0; ;)
        {
            var events = await log.ReadUserAsync(TenantId, userId, after, Page, CancellationToken.None);
            foreach (var e in events.Where(e => e.ActorId == userId && e.Sequence <= through && e.ItemOwnerId is { } owner && owner != userId))
            {
                if (!owners.TryGetValue(e.ItemOwnerId!, out var views))
                {
                    owners[e.ItemOwnerId!] = views = [];
                }

                if (Engagement.KindOf(e.Type) == EngagementKind.View)
                {
                    views.Add(new ErasedView(e.Sequence, Weekday.UtcDateOf(e.OccurredAt)));
                }
            }

            if (events.Count < Page || events[^1].Sequence >= through)
            {
                return owners;
            }

            after = events[^1].Sequence;
        }
    }

    private async Task<int> ForgetInOwnersAsync(string userId, long through, Dictionary<string, List<ErasedView>> owners) =>
        (await Task.WhenAll(owners.Select(owner => Dashboard(owner.Key).ForgetActorAsync(userId, through, owner.Value)))).Sum();

    private IDashboardWriterGrain Dashboard(string userId) => GrainFactory.GetGrain<IDashboardWriterGrain>(DashboardKey.Of(TenantId, userId));

    // The person's id stays out of the log line: it is what was erased.
    [LoggerMessage(Level = LogLevel.Information, Message = "Erased a person from tenant {TenantId} up to sequence {Through}: {Counts}")]
    private static partial void LogErased(ILogger logger, string tenantId, long through, ErasedCounts counts);
}
