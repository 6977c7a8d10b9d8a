using System.Text.Json;
using Activity.Abstractions.Dashboard;
using Activity.Abstractions.Feed;
using Activity.Abstractions.Ingest;
using Activity.Abstractions.Stats;
using Activity.Grains.Dashboard;
using Activity.Grains.Erasure;
using Activity.Grains.Ingest;
using Activity.Memory.Log;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Erasure;

public sealed class ErasureGrainTests
{
    private const string Erin = "erin";

    [Fact]
    public async Task An_erasure_cut_short_before_the_log_is_finished_by_asking_again_as_if_the_person_never_was()
    {
        var log = new FailingLog(new MemoryEventLog());
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log), silos: 1);
        var tenant = await cluster.CreateTenantAsync("erasing");
        var twin = await cluster.CreateTenantAsync("twin");
        await EmitAsync(cluster, tenant, withErin: true);
        await EmitAsync(cluster, twin, withErin: false);
        var erasure = cluster.Grains.GetGrain<IErasureGrain>(tenant);

        // Dashboards and statistics have forgotten Erin when the log refuses: the silo "died" there.
        log.FailErase = true;
        await Assert.ThrowsAnyAsync<Exception>(() => erasure.EraseAsync(Erin));
        log.FailErase = false;
        var report = await erasure.EraseAsync(Erin);

        Assert.Equal((6L, 2L), (report.Removed.Events, report.Removed.OwnerMentions));
        Assert.Empty(await log.ReadUserAsync(tenant, Erin, 0, 100, default));
        foreach (var user in new[] { "bob", "carol" })
        {
            Assert.Equal(await SummaryAsync(cluster, twin, user), await SummaryAsync(cluster, tenant, user));
            Assert.Equal(
                await Dashboard(cluster, twin, user).WeeklyAsync(4),
                await Dashboard(cluster, tenant, user).WeeklyAsync(4));
        }

        Assert.Equal(await StatsAsync(cluster, twin), await StatsAsync(cluster, tenant));
        Assert.Equal(new DashboardSummary(Erin, 0, 0, 0, 0, 0, 0), await Dashboard(cluster, tenant, Erin).SummaryAsync());
    }

    // The same history in both tenants, with or without Erin's own events (on her items, no owner then).
    private static async Task EmitAsync(ActivityCluster cluster, string tenant, bool withErin)
    {
        var erinOwns = withErin ? Erin : null;
        List<EventInput> drafts =
        [
            Draft("SIGN_UP", "bob"),
            Draft("submission", "bob", "b1"),
            Draft("vote", "bob", "e1", erinOwns),
            Draft("comment", "carol", "e1", erinOwns, JsonSerializer.SerializeToElement(new { commentId = "c1" })),
            Draft("view", "carol", "b1", "bob"),
        ];
        if (withErin)
        {
            drafts.AddRange(
            [
                Draft("SIGN_UP", Erin),
                Draft("submission", Erin, "e1"),
                Draft("vote", Erin, "b1", "bob"),
                Draft("comment", Erin, "b1", "bob", JsonSerializer.SerializeToElement(new { commentId = "c2" })),
                Draft("view", Erin, "b1", "bob"),
                Draft("newsletter_subscribed", Erin),
            ]);
        }

        await cluster.Service<EventIngestor>().EmitAsync(tenant, drafts);
        await cluster.Grains.GetGrain<IFeedGrain>(tenant).DrainAsync();
        await cluster.Grains.GetGrain<IDashboardRouterGrain>(tenant).DrainAsync();
    }

    private static EventInput Draft(string type, string actor, string? item = null, string? owner = null, JsonElement? payload = null) =>
        new(type, actor, item, owner, null, payload, null);

    private static IDashboardGrain Dashboard(ActivityCluster cluster, string tenant, string user) =>
        cluster.Grains.GetGrain<IDashboardGrain>(DashboardKey.Of(tenant, user));

    private static async Task<DashboardSummary> SummaryAsync(ActivityCluster cluster, string tenant, string user) =>
        await Dashboard(cluster, tenant, user).SummaryAsync();

    private static async Task<string> StatsAsync(ActivityCluster cluster, string tenant) =>
        JsonSerializer.Serialize(await cluster.Grains.GetGrain<ITenantStatsGrain>(tenant).GetAsync());

    // A log whose erasure fails when told to, as a silo that dies at that step.
    private sealed class FailingLog(IEventLog log) : InterceptedEventLog(log), IEventLog
    {
        public bool FailErase { get; set; }

        public override Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken) =>
            Log.AppendAsync(events, idempotencyWindow, cancellationToken);

        Task<UserEventsErased> IEventLog.EraseUserAsync(string tenantId, string userId, long through, CancellationToken cancellationToken) =>
            FailErase
                ? throw new InvalidOperationException("The database went away.")
                : Log.EraseUserAsync(tenantId, userId, through, cancellationToken);
    }
}
