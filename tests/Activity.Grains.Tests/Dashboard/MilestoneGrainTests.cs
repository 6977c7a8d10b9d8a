using Activity.Abstractions.Dashboard;
using Activity.Abstractions.Feed;
using Activity.Abstractions.Ingest;
using Activity.Domain.Milestones;
using Activity.Grains.Audit;
using Activity.Grains.Dashboard;
using Activity.Grains.Ingest;
using Activity.Grains.Tenants;
using Activity.Memory.Log;
using Activity.Memory.Tenants;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Dashboard;

public sealed class MilestoneGrainTests
{
    private const string Tenant = "ten_mile000000000000";
    private static readonly MilestoneRules Streaks = MilestoneRules.Off with { Streak = new StreakRule(true) };

    [Fact]
    public async Task A_crossing_is_emitted_as_an_ordinary_event_once()
    {
        await using var cluster = await StartAsync(Streaks);

        await EmitAsync(cluster, [.. Enumerable.Range(0, 8).Select(day => Activity(cluster, day))]);
        await DrainTwiceAsync(cluster);

        var milestone = Assert.Single(await MilestonesAsync(cluster));
        Assert.Equal(("ann", 7), (milestone.ActorId, milestone.Payload!.Value.GetProperty("days").GetInt32()));
    }

    [Fact]
    public async Task Rules_off_emit_nothing()
    {
        await using var cluster = await StartAsync(MilestoneRules.Off);

        await EmitAsync(cluster, [.. Enumerable.Range(0, 8).Select(day => Activity(cluster, day))]);
        await DrainTwiceAsync(cluster);

        Assert.Empty(await MilestonesAsync(cluster));
    }

    [Fact]
    public async Task A_new_activation_that_reads_the_crossing_again_does_not_emit_it_again()
    {
        await using var cluster = await StartAsync(Streaks);
        await EmitAsync(cluster, [.. Enumerable.Range(0, 7).Select(day => Activity(cluster, day))]);
        await DrainTwiceAsync(cluster);
        Assert.Single(await MilestonesAsync(cluster));

        // Deactivated before it saved the event of its milestone coming back: the next activation reads
        // the crossing and the milestone event both from the log.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.Grains.GetGrain<IDashboardGrain>(DashboardKey.Of(Tenant, "ann")).SummaryAsync();
        await EmitAsync(cluster, Activity(cluster, 7));
        await DrainTwiceAsync(cluster);

        Assert.Single(await MilestonesAsync(cluster));
    }

    [Fact]
    public async Task A_milestone_found_but_not_emitted_is_emitted_by_the_next_activation()
    {
        var refusing = new RefusingLog(new MemoryEventLog());
        await using var cluster = await StartAsync(Streaks, refusing);
        await EmitAsync(cluster, [.. Enumerable.Range(0, 7).Select(day => Activity(cluster, day))]);

        // The log refuses the milestone's event: it stays pending, and a new activation emits it.
        refusing.Refuse = e => e.Type == "streak_milestone";
        await DrainTwiceAsync(cluster);
        Assert.Empty(await MilestonesAsync(cluster));
        refusing.Refuse = _ => false;
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.Grains.GetGrain<IDashboardGrain>(DashboardKey.Of(Tenant, "ann")).SummaryAsync();
        await DrainTwiceAsync(cluster);

        Assert.Single(await MilestonesAsync(cluster));
    }

    private static EventInput Activity(ActivityCluster cluster, int day) =>
        new("SIGN_IN", "ann", null, null, cluster.Time.GetUtcNow().AddDays(day - 10), null, null);

    private static Task EmitAsync(ActivityCluster cluster, params EventInput[] drafts) =>
        cluster.Service<EventIngestor>().EmitAsync(Tenant, drafts);

    // The first drain delivers the crossing; the milestone event it emits is passed on by the second.
    // The feed is drained too: a feed still holding the milestone event when the test cluster stops
    // would publish it to a stream whose pub-sub grain is already gone, and wait out a call timeout.
    private static async Task DrainTwiceAsync(ActivityCluster cluster)
    {
        await cluster.Grains.GetGrain<IDashboardRouterGrain>(Tenant).DrainAsync();
        await cluster.Grains.GetGrain<IDashboardRouterGrain>(Tenant).DrainAsync();
        await cluster.Grains.GetGrain<IFeedGrain>(Tenant).DrainAsync();
    }

    private static async Task<IReadOnlyList<AuditEntry>> MilestonesAsync(ActivityCluster cluster) =>
        await cluster.Service<IAuditLog>().ListAsync(Tenant, new AuditQuery(Type: "streak_milestone"), default);

    private static async Task<ActivityCluster> StartAsync(MilestoneRules rules, IEventLog? log = null)
    {
        log ??= new MemoryEventLog();
        var tenants = new MemoryTenantStore();
        await tenants.SetMilestonesAsync(Tenant, rules, default);
        return await ActivityCluster.StartAsync(services =>
        {
            services.AddSingleton(log);
            services.AddSingleton<IAuditLog>(new MemoryAuditLog(((log as RefusingLog)?.Memory ?? (MemoryEventLog)log).Tables));
            services.AddSingleton<ITenantStore>(tenants);
        });
    }

    // A log that refuses, as a database would, the writes of events a test picks.
    private sealed class RefusingLog(MemoryEventLog log) : InterceptedEventLog(log)
    {
        public MemoryEventLog Memory => log;

        public Func<NewEvent, bool> Refuse { get; set; } = _ => false;

        public override Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken) =>
            events.Any(Refuse)
                ? throw new InvalidOperationException("refused by the test")
                : Log.AppendAsync(events, idempotencyWindow, cancellationToken);
    }
}
