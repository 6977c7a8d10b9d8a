using Activity.Grains.Analytics;
using Activity.Grains.Analytics.Jobs;
using Activity.Grains.Ingest;
using Activity.Memory.Log;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Analytics;

public sealed class AnalyticsJobsTests
{
    private const string Tenant = "ten_jobs";

    // What the three jobs that query the log ask when they run: once each, for the widest of their values
    // (24 months, 30 days, 50 items), which hold the narrower ones.
    private static readonly string[] GrowthQueries = ["active-users", "sign-ups"];
    private static readonly string[] TrendQueries = ["daily:30"];
    private static readonly string[] TopItemQueries = ["top-items:50"];
    private static readonly string[] EveryQuery = [.. GrowthQueries.Concat(TrendQueries).Concat(TopItemQueries).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_wake_runs_every_job_once_then_each_runs_at_its_own_interval()
    {
        await using var jobs = await JobsCluster.StartAsync();
        await jobs.EmitAsync(Tenant);

        await jobs.Grain(Tenant).WakeAsync();

        Assert.Equal(EveryQuery, await jobs.Queries.NextAsync(EveryQuery.Length));
        var first = await jobs.WaitForAsync(Tenant, list => list.All(j => j.Status == "completed"));
        Assert.Equal(AnalyticsJob.All.Select(j => (j.Id, j.Name)), first.Select(j => (j.Id, j.Name)));
        Assert.All(first, j => Assert.Equal(jobs.Time.GetUtcNow(), j.LastRun));
        Assert.Equal(jobs.Time.GetUtcNow() + TimeSpan.FromMinutes(5), first.Single(j => j.Id == "activity-trends").NextRun);

        // Two minutes on: recent activity (2 min) and performance metrics (30 s) ran again; trends wait for 5.
        jobs.Time.Advance(TimeSpan.FromMinutes(2));
        var twoMinutes = await jobs.WaitForAsync(Tenant, list => list.Single(j => j.Id == "recent-activity").LastRun == jobs.Time.GetUtcNow());
        Assert.Equal(first.Single(j => j.Id == "activity-trends").LastRun, twoMinutes.Single(j => j.Id == "activity-trends").LastRun);
        Assert.Equal(jobs.Time.GetUtcNow(), twoMinutes.Single(j => j.Id == "performance-metrics").LastRun);

        jobs.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(TrendQueries, await jobs.Queries.NextAsync(TrendQueries.Length));
        var fiveMinutes = await jobs.Grain(Tenant).GetJobsAsync();
        Assert.False(jobs.Queries.Answered.Reader.TryRead(out var other), $"only trends were due, yet {other} ran. At 2 min: {Describe(twoMinutes)}. At 5 min: {Describe(fiveMinutes)}.");
        Assert.Equal(first.Single(j => j.Id == "top-items").LastRun, fiveMinutes.Single(j => j.Id == "top-items").LastRun);
    }

    // Each job's status and times, for a failure message: which runs a stray query came from.
    private static string Describe(IEnumerable<AnalyticsJobView> jobs) =>
        string.Join("; ", jobs.Select(j => $"{j.Id} {j.Status} last {j.LastRun:HH:mm:ss.fff} next {j.NextRun:HH:mm:ss.fff}"));

    [Fact]
    public async Task Values_a_job_derives_from_its_widest_read_equal_each_value_read_on_its_own()
    {
        await using var jobs = await JobsCluster.StartAsync();
        for (var i = 0; i < 60; i++)
        {
            await jobs.EmitAsync(Tenant, jobs.Time.GetUtcNow().AddDays(-9 * i), type: (i % 3) switch { 0 => "vote", 1 => "comment", _ => "SIGN_UP" }, item: $"p{i % 23}", actor: $"user-{i % 7}");
        }

        var grain = jobs.Grain(Tenant);
        await grain.WakeAsync();
        await jobs.Queries.NextAsync(EveryQuery.Length);
        await jobs.WaitForAsync(Tenant, list => list.All(j => j.Status == "completed"));
        var keys = new[] { AnalyticsMetric.UserGrowth, AnalyticsMetric.ActivityTrends, AnalyticsMetric.TopItems, AnalyticsMetric.RecentActivity }.SelectMany(m => m.Keys).ToList();
        var warm = new List<WarmValue>();
        foreach (var key in keys)
        {
            warm.Add(await grain.GetAsync(key));
        }

        await grain.ClearAsync(null);
        var alone = new List<WarmValue>();
        foreach (var key in keys)
        {
            alone.Add(await grain.GetAsync(key));
        }

        Assert.All(warm, w => Assert.True(w.Warm));
        Assert.All(alone, w => Assert.False(w.Warm));
        Assert.Equal(alone.Select(w => w.Json), warm.Select(w => w.Json));
        Assert.Contains("\"itemId\":\"p22\"", warm[^4].Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trigger_while_the_job_runs_is_skipped_and_says_so()
    {
        await using var jobs = await JobsCluster.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        jobs.Queries.Before = name =>
        {
            held.TrySetResult();
            return gate.Task;
        };
        var grain = jobs.Grain(Tenant);

        Assert.Equal(new TriggerOutcome(true, null), await grain.TriggerAsync("top-items"));
        await held.Task;
        var again = await grain.TriggerAsync("top-items");
        var running = await grain.GetJobsAsync();
        gate.SetResult();

        Assert.Equal(new TriggerOutcome(false, "running"), again);
        Assert.Equal("running", running.Single(j => j.Id == "top-items").Status);
        Assert.Equal(TopItemQueries, await jobs.Queries.NextAsync(TopItemQueries.Length));
        var done = await jobs.WaitForAsync(Tenant, list => list.Single(j => j.Id == "top-items").Status == "completed");
        Assert.Null(await grain.TriggerAsync("no-such-job"));
        Assert.Equal(1, (await grain.GetMetricsAsync()).SuccessfulJobs);
        Assert.NotNull(done.Single(j => j.Id == "top-items").DurationMs);
    }

    [Fact]
    public async Task A_failing_job_records_its_error_and_the_other_jobs_complete()
    {
        await using var jobs = await JobsCluster.StartAsync();
        await jobs.EmitAsync(Tenant);
        jobs.Queries.Before = name => name.StartsWith("top-items", StringComparison.Ordinal)
            ? throw new InvalidOperationException("the ranking query broke")
            : Task.CompletedTask;

        await jobs.Grain(Tenant).WakeAsync();

        var list = await jobs.WaitForAsync(Tenant, l => l.All(j => j.Status is "completed" or "failed"));
        Assert.Equal(("failed", "the ranking query broke"), list.Single(j => j.Id == "top-items") is var t ? (t.Status, t.Error) : default);
        Assert.All(list.Where(j => j.Id != "top-items"), j => Assert.Equal(("completed", (string?)null), (j.Status, j.Error)));
        var metrics = await jobs.Grain(Tenant).GetMetricsAsync();
        Assert.Equal((6L, 5L, 1L), (metrics.TotalJobs, metrics.SuccessfulJobs, metrics.FailedJobs));
        Assert.NotNull(list.Single(j => j.Id == "top-items").NextRun);
    }

    [Fact]
    public async Task Stop_keeps_the_schedule_stopped_and_restart_runs_every_job_again()
    {
        await using var jobs = await JobsCluster.StartAsync();
        await jobs.EmitAsync(Tenant);
        var grain = jobs.Grain(Tenant);
        await grain.WakeAsync();
        await jobs.Queries.NextAsync(EveryQuery.Length);
        var ran = await jobs.WaitForAsync(Tenant, list => list.All(j => j.Status == "completed"));

        await grain.StopAsync();
        jobs.Time.Advance(TimeSpan.FromHours(2));
        await grain.WakeAsync();

        var stopped = await grain.GetJobsAsync();
        Assert.All(stopped, j => Assert.Null(j.NextRun));
        Assert.Equal(ran.Select(j => j.LastRun), stopped.Select(j => j.LastRun));
        Assert.False((await grain.GetMetricsAsync()).Running);
        Assert.Equal(0, await jobs.Coordinator.WakeAllAsync());

        await grain.RestartAsync();

        Assert.Equal(EveryQuery, await jobs.Queries.NextAsync(EveryQuery.Length));
        var restarted = await jobs.WaitForAsync(Tenant, list => list.All(j => j.LastRun == jobs.Time.GetUtcNow() && j.Status == "completed"));
        Assert.All(restarted, j => Assert.NotNull(j.NextRun));
        Assert.Equal(1, await jobs.Coordinator.WakeAllAsync());
    }

    [Theory]
    [InlineData("Activity:Analytics:AutoStart", "false")]
    [InlineData("DISABLE_AUTO_SYNC", "true")]
    public async Task With_auto_start_off_jobs_stay_stopped_until_restarted_and_values_are_computed_on_demand(string setting, string value)
    {
        await using var jobs = await JobsCluster.StartAsync(new() { [setting] = value });
        await jobs.EmitAsync(Tenant);
        var grain = jobs.Grain(Tenant);

        Assert.Equal(0, await jobs.Coordinator.WakeAllAsync());
        await grain.WakeAsync();
        var cold = await grain.GetAsync(AnalyticsMetric.TopItems.Key(10));

        Assert.False(cold.Warm);
        Assert.Equal(["top-items:10"], await jobs.Queries.NextAsync(1));
        Assert.All(await grain.GetJobsAsync(), j => Assert.Equal(("scheduled", (DateTimeOffset?)null), (j.Status, j.NextRun)));

        await grain.RestartAsync();

        Assert.Equal(EveryQuery, await jobs.Queries.NextAsync(EveryQuery.Length));
        Assert.Equal(1, await jobs.Coordinator.WakeAllAsync());
    }

    [Fact]
    public async Task Jobs_run_only_for_tenants_with_events_in_the_last_thirty_days()
    {
        await using var jobs = await JobsCluster.StartAsync();
        await jobs.EmitAsync("ten_recent", jobs.Time.GetUtcNow().AddDays(-29));
        await jobs.EmitAsync("ten_old", jobs.Time.GetUtcNow().AddDays(-31));

        Assert.Equal(1, await jobs.Coordinator.WakeAllAsync());
        await jobs.Grain("ten_old").WakeAsync();

        Assert.Equal(EveryQuery, await jobs.Queries.NextAsync(EveryQuery.Length));
        Assert.All(await jobs.Grain("ten_old").GetJobsAsync(), j => Assert.Null(j.NextRun));
        Assert.All(await jobs.WaitForAsync("ten_recent", l => l.All(j => j.Status == "completed")), j => Assert.NotNull(j.NextRun));
    }

    [Fact]
    public async Task A_warm_value_is_served_while_fresh_then_computed_again()
    {
        // No jobs: the coordinator's reminder, which the clock moves too, would keep the value warm.
        await using var jobs = await JobsCluster.StartAsync(new() { ["Activity:Analytics:AutoStart"] = "false" });
        await jobs.EmitAsync(Tenant);
        var grain = jobs.Grain(Tenant);
        var key = AnalyticsMetric.ActivityTrends.Key(7);

        var cold = await grain.GetAsync(key);
        jobs.Time.Advance(TimeSpan.FromMinutes(9));
        var warm = await grain.GetAsync(key);
        jobs.Time.Advance(TimeSpan.FromMinutes(1));
        var stale = await grain.GetAsync(key);

        Assert.Equal((false, true, false), (cold.Warm, warm.Warm, stale.Warm));
        Assert.Equal((cold.Json, cold.ComputedAt), (warm.Json, warm.ComputedAt));
        Assert.Equal(jobs.Time.GetUtcNow(), stale.ComputedAt);
        Assert.Contains("\"total\":1", cold.Json, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => grain.GetAsync(new AnalyticsKey("top-items", 11)));
    }

    [Fact]
    public async Task Clearing_by_pattern_removes_the_matching_values_only()
    {
        await using var jobs = await JobsCluster.StartAsync();
        var grain = jobs.Grain(Tenant);
        foreach (var key in new[] { AnalyticsMetric.TopItems.Key(10), AnalyticsMetric.TopItems.Key(20), AnalyticsMetric.UserGrowth.Key(6) })
        {
            await grain.GetAsync(key);
        }

        Assert.Equal(0, await grain.ClearAsync("Top-Items:*"));
        Assert.Equal(2, await grain.ClearAsync("top-items:*"));

        Assert.False((await grain.GetAsync(AnalyticsMetric.TopItems.Key(10))).Warm);
        Assert.True((await grain.GetAsync(AnalyticsMetric.UserGrowth.Key(6))).Warm);
        Assert.Equal(1, await grain.ClearAsync("*:?"));
        Assert.Equal(1, await grain.ClearAsync(null));
    }

    [Fact]
    public async Task Performance_metrics_sum_up_the_queries_and_calls_of_the_tenant()
    {
        await using var jobs = await JobsCluster.StartAsync();
        var grain = jobs.Grain(Tenant);
        await grain.GetAsync(AnalyticsMetric.TopItems.Key(10));
        await grain.GetAsync(AnalyticsMetric.TopItems.Key(10));

        var metrics = await grain.GetAsync(AnalyticsMetric.PerformanceMetrics.Key(0));

        Assert.Contains("\"calls\":{\"count\":2,\"warm\":1,\"cold\":1", metrics.Json, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"top-items:10\",\"count\":1", metrics.Json, StringComparison.Ordinal);
    }

    private sealed class JobsCluster(ActivityCluster cluster, ObservedQueries queries, MemoryEventLog log) : IAsyncDisposable
    {
        public ObservedQueries Queries => queries;

        public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => cluster.Time;

        public IAnalyticsJobsCoordinator Coordinator => cluster.Grains.GetGrain<IAnalyticsJobsCoordinator>(0);

        public static async Task<JobsCluster> StartAsync(Dictionary<string, string?>? settings = null)
        {
            var log = new MemoryEventLog();
            var queries = new ObservedQueries(new MemoryAnalyticsQueries(log.Tables));

            // Dashboards off: the feed sweep, which the clock moves too, would have them read the events the
            // test writes, and a dashboard still reading when the silo stops holds the stop up for 30 s.
            settings ??= [];
            settings.TryAdd("Activity:Dashboards:Enabled", "false");
            var cluster = await ActivityCluster.StartAsync(
                services => services.AddSingleton<IEventLog>(log).AddSingleton<Audit.IAuditLog>(new MemoryAuditLog(log.Tables)).AddSingleton<IAnalyticsQueries>(queries),
                settings,
                silos: 1);
            return new JobsCluster(cluster, queries, log);
        }

        public IAnalyticsJobsGrain Grain(string tenant) => cluster.Grains.GetGrain<IAnalyticsJobsGrain>(tenant);

        public Task EmitAsync(string tenant, DateTimeOffset? occurred = null, string type = "vote", string item = "p1", string actor = "alice")
        {
            var at = occurred ?? Time.GetUtcNow();
            return log.AppendAsync([new NewEvent(tenant, Guid.CreateVersion7(), type, actor, item, "bob", at, at, null, null)], TimeSpan.FromDays(1), default);
        }

        // Asks the grain again until the jobs read as expected: runs started by timers finish on the grain's
        // own turns, after the test learned they began. Each ask is a grain call, queued behind those turns.
        public Task<IReadOnlyList<AnalyticsJobView>> WaitForAsync(string tenant, Func<IReadOnlyList<AnalyticsJobView>, bool> expected) =>
            Poll.UntilAsync(() => Grain(tenant).GetJobsAsync(), expected, TimeSpan.FromSeconds(30), "The jobs reading as expected", TimeSpan.FromMilliseconds(10));

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}
