using System.Collections.Concurrent;
using System.Text.Json;
using Activity.Abstractions.Dashboard;
using Activity.Abstractions.Ingest;
using Activity.Domain.Dashboard;
using Activity.Domain.Feed;
using Activity.Grains.Dashboard;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Activity.Memory.Log;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Dashboard;

public sealed class DashboardGrainTests
{
    private const string Tenant = "ten_dash000000000000";
    private static readonly DateTimeOffset Monday = ActivityCluster.NewClock().GetUtcNow();

    [Fact]
    public async Task Engagement_reaches_the_actors_and_the_owners_dashboard_after_a_drain()
    {
        await using var cluster = await StartAsync();

        await EmitAsync(cluster, Vote("alice", "p1", "bob"), Comment("alice", "p1", "bob", "c1"), Vote("carol", "p1", "bob"));
        await Router(cluster).DrainAsync();

        Assert.Equal(new DashboardSummary("alice", 2, 1, 0, 0, 0, 0), await Dashboard(cluster, "alice").SummaryAsync());
        Assert.Equal(new DashboardSummary("bob", 0, 0, 2, 1, 0, 0), await Dashboard(cluster, "bob").SummaryAsync());
        Assert.Equal([new ItemEngagement("p1", 2, 1)], await Dashboard(cluster, "bob").TopItemsAsync(5));
    }

    [Fact]
    public async Task Handed_over_events_reach_dashboards_without_a_drain()
    {
        await using var cluster = await StartAsync();
        Assert.Equal(0, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived); // active before the event

        await cluster.EventLog.AppendAsync([Queued(Vote("alice", "p1", "bob"))], TimeSpan.FromDays(1), default);
        await Router(cluster).AppendedAsync(EventBatch.Of(await cluster.EventLog.ReadAsync(Tenant, 0, 1, default)));
        await Router(cluster).CatchUpAsync(0); // queued behind the flush the router asked of itself

        Assert.Equal(1, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived);
    }

    [Fact]
    public async Task A_dashboard_activated_after_its_events_reads_them_from_the_log_before_it_answers()
    {
        // Nothing is handed to dashboards: only the log knows.
        await using var cluster = await StartAsync(enabled: false);

        await EmitAsync(cluster, Vote("alice", "p1", "bob"), Draft("view", "carol", "p1", "bob"));

        var bob = await Dashboard(cluster, "bob").SummaryAsync();
        Assert.Equal((1, 1), (bob.VotesReceived, bob.ViewsReceived));
    }

    [Fact]
    public async Task A_delivery_after_one_the_dashboard_missed_makes_it_read_the_log()
    {
        await using var cluster = await StartAsync(enabled: false);
        var writer = cluster.Grains.GetGrain<IDashboardWriterGrain>(DashboardKey.Of(Tenant, "bob"));
        await Dashboard(cluster, "bob").SummaryAsync();
        var appended = await cluster.EventLog.AppendAsync([Queued(Vote("alice", "p1", "bob")), Queued(Vote("carol", "p2", "bob")), Queued(Vote("dan", "p3", "bob"))], TimeSpan.FromDays(1), default);
        var log = await cluster.EventLog.ReadAsync(Tenant, 0, 10, default);

        // The router says it passed event 1 before: the dashboard trusts it and counts only what it is given.
        await writer.DeliverAsync([log[1]], previous: 0);
        Assert.Equal(1, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived);

        // The router passed event 2 to an activation that is gone: this one reads the log first.
        await writer.DeliverAsync([log[2]], previous: 2);
        Assert.Equal(2, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived);
        Assert.Equal([new ItemEngagement("p2", 1, 0), new ItemEngagement("p3", 1, 0)], await Dashboard(cluster, "bob").TopItemsAsync(5));
        Assert.Equal(3, appended.Sequences[^1]);
    }

    [Fact]
    public async Task A_tenants_new_users_get_their_events_without_reading_the_log()
    {
        await using var cluster = await StartAsync();

        await EmitAsync(cluster, Vote("alice", "p1", "bob"), Comment("carol", "p1", "bob", "c1"));
        await Router(cluster).DrainAsync();

        // The router passed everything from the log's start: what it hands over is all there is.
        Assert.Equal(1, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived);
        Assert.Equal(1, (await Dashboard(cluster, "carol").SummaryAsync()).TotalActivity);
        Assert.Empty(cluster.Reads);
    }

    [Fact]
    public async Task A_reactivated_router_sends_a_user_it_does_not_remember_to_the_log_only_for_what_came_before_it()
    {
        await using var cluster = await StartAsync();
        await EmitAsync(cluster, Vote("alice", "p1", "bob"));
        await Router(cluster).DrainAsync();
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The new router passed nothing yet: carol's new dashboard reads what came before it (event 1,
        // not hers); bob's, saved at event 1, reads nothing.
        await EmitAsync(cluster, Vote("bob", "p2", "carol"), Vote("dan", "p3", "bob"));
        await Router(cluster).DrainAsync();

        Assert.Contains(cluster.Reads, r => r == ("carol", 0));
        Assert.DoesNotContain(cluster.Reads, r => r.User == "bob");
        Assert.Equal((2, 1), ((await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived, (await Dashboard(cluster, "carol").SummaryAsync()).VotesReceived));
    }

    [Fact]
    public async Task A_dashboard_that_could_not_be_reached_is_asked_again_and_a_drain_says_so_meanwhile()
    {
        await using var cluster = await StartAsync();
        await BehindANewRouterAsync(cluster);
        // Bob's new dashboard has to read the log (below the router's start), cannot, so its delivery fails.
        // Reads fail from before the emit: its hand-over may reach bob before the drain does.
        cluster.Log.FailUserReads = true;
        await EmitAsync(cluster, Vote("alice", "p1", "bob"));
        await Assert.ThrowsAsync<TimeoutException>(() => Router(cluster).DrainAsync());

        cluster.Log.FailUserReads = false;
        await Router(cluster).DrainAsync();
        cluster.Reads.Clear();

        Assert.Equal(1, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived);
        Assert.Empty(cluster.Reads); // already active: it came back through the retry, not this read
    }

    [Fact]
    public async Task A_new_activation_of_the_router_asks_again_the_dashboards_the_last_one_could_not_reach()
    {
        await using var cluster = await StartAsync();
        await BehindANewRouterAsync(cluster);
        cluster.Log.FailUserReads = true;
        await EmitAsync(cluster, Vote("alice", "p1", "bob"));
        await Assert.ThrowsAsync<TimeoutException>(() => Router(cluster).DrainAsync());

        // The router goes (as when its directory entry was on a silo that died) before bob answers.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        cluster.Log.FailUserReads = false;
        await Router(cluster).DrainAsync();

        // Nothing was left to pass on: bob's dashboard read the log because the router asked it again.
        Assert.Contains(cluster.Reads, r => r.User == "bob");
        Assert.Equal(1, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived);
    }

    [Fact]
    public async Task A_reactivated_dashboard_starts_from_its_saved_snapshot()
    {
        await using var cluster = await StartAsync();
        await EmitAsync(cluster, Vote("alice", "p1", "bob"), Vote("carol", "p1", "bob"));
        await Router(cluster).DrainAsync();
        Assert.Equal(2, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived);

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        cluster.Reads.Clear();

        // The log holds nothing after the snapshot's checkpoint: nothing of bob's is read again.
        Assert.Equal(2, (await Dashboard(cluster, "bob").SummaryAsync()).VotesReceived);
        Assert.DoesNotContain(cluster.Reads, r => r.User == "bob" && r.After < 2);
    }

    [Fact]
    public async Task Weeks_and_days_end_with_the_clocks_current_ones()
    {
        await using var cluster = await StartAsync();
        await EmitAsync(cluster, Vote("alice", "p1", "bob") with { OccurredAt = Monday.AddDays(-7) }, Comment("alice", "p1", "bob", "c1"));
        await Router(cluster).DrainAsync();

        var weeks = await Dashboard(cluster, "bob").WeeklyAsync(2);
        var days = await Dashboard(cluster, "bob").DailyAsync(2);

        Assert.Equal([new WeekEngagement("2026-01", "W1", 1, 0), new WeekEngagement("2026-02", "W2", 0, 1)], weeks);
        Assert.Equal([new DayEngagement(new DateOnly(2026, 1, 4), "Sun", 0, 0, 0), new DayEngagement(new DateOnly(2026, 1, 5), "Mon", 0, 0, 1)], days);
    }

    // An event of nobody the tests watch, passed on by a router that then goes: the next router starts
    // past it, so a new dashboard's first delivery makes it read the log (where a test can fail it).
    private static async Task BehindANewRouterAsync(DashboardTestCluster cluster)
    {
        await EmitAsync(cluster, Vote("erin", "p9", "frank"));
        await Router(cluster).DrainAsync();
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    }

    private static IDashboardGrain Dashboard(DashboardTestCluster cluster, string user) =>
        cluster.Grains.GetGrain<IDashboardGrain>(DashboardKey.Of(Tenant, user));

    private static IDashboardRouterGrain Router(DashboardTestCluster cluster) => cluster.Grains.GetGrain<IDashboardRouterGrain>(Tenant);

    private static Task<IReadOnlyList<Guid>> EmitAsync(DashboardTestCluster cluster, params EventInput[] drafts) =>
        cluster.Cluster.Service<EventIngestor>().EmitAsync(Tenant, drafts);

    private static EventInput Draft(string type, string actor, string item, string owner, JsonElement? payload = null) =>
        new(type, actor, item, owner, null, payload, null);

    private static EventInput Vote(string actor, string item, string owner) => Draft("vote", actor, item, owner);

    private static EventInput Comment(string actor, string item, string owner, string commentId) =>
        Draft("comment", actor, item, owner, JsonSerializer.SerializeToElement(new { commentId }));

    private static NewEvent Queued(EventInput d) =>
        new(Tenant, Guid.CreateVersion7(), d.Type, d.ActorId, d.ItemId, d.ItemOwnerId, d.OccurredAt ?? Monday, Monday, d.Payload, null);

    private static async Task<DashboardTestCluster> StartAsync(bool enabled = true)
    {
        var log = new RecordingLog(new MemoryEventLog());
        var cluster = await ActivityCluster.StartAsync(
            services => services.AddSingleton<IEventLog>(log),
            new Dictionary<string, string?> { ["Activity:Dashboards:Enabled"] = enabled ? "true" : "false" });
        return new DashboardTestCluster(cluster, log);
    }

    private sealed class DashboardTestCluster(ActivityCluster cluster, RecordingLog log) : IAsyncDisposable
    {
        public ActivityCluster Cluster => cluster;

        public IGrainFactory Grains => cluster.Grains;

        public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => cluster.Time;

        public IEventLog EventLog => log;

        public ConcurrentQueue<(string User, long After)> Reads => log.UserReads;

        public RecordingLog Log => log;

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }

    // Remembers where each user read of the log started; fails them when told to.
    private sealed class RecordingLog(IEventLog log) : InterceptedEventLog(log), IEventLog
    {
        public ConcurrentQueue<(string User, long After)> UserReads { get; } = new();

        public bool FailUserReads { get; set; }

        public override Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken) =>
            Log.AppendAsync(events, idempotencyWindow, cancellationToken);

        Task<IReadOnlyList<LoggedEvent>> IEventLog.ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken)
        {
            if (FailUserReads)
            {
                throw new InvalidOperationException("the test's log refuses user reads");
            }

            UserReads.Enqueue((userId, after));
            return Log.ReadUserAsync(tenantId, userId, after, max, cancellationToken);
        }
    }
}
