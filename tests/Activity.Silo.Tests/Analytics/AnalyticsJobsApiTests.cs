using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Analytics;

/// <summary>The analytics jobs routes on PostgreSQL.</summary>
public sealed class AnalyticsJobsApiTests(DashboardSiloFixture fixture) : AnalyticsJobsContract(fixture.Silo), IClassFixture<DashboardSiloFixture>;

/// <summary>The analytics jobs routes on the embedded silo.</summary>
public sealed class EmbeddedAnalyticsJobsApiTests(EmbeddedSiloFixture fixture) : AnalyticsJobsContract(fixture.Silo), IClassFixture<EmbeddedSiloFixture>;

/// <summary>Jobs, their metrics, triggers, stop/restart and the warm values over HTTP.</summary>
public abstract class AnalyticsJobsContract(SiloFactory silo)
{
    [Fact]
    public async Task The_jobs_list_names_every_job_with_its_interval()
    {
        var tenant = await FeedClient.CreateAsync(silo);

        var jobs = (await tenant.Http().GetOkJsonAsync("/api/analytics/jobs")).AsArray();

        Assert.Equal(
            [("user-growth", "User Growth Aggregation", 600_000), ("activity-trends", "Activity Trends Aggregation", 300_000), ("top-items", "Top Items Ranking", 900_000),
             ("recent-activity", "Recent Activity Update", 120_000), ("performance-metrics", "Performance Metrics Update", 30_000), ("cache-cleanup", "Cache Cleanup", 3_600_000)],
            jobs.Select(j => ((string)j!["id"]!, (string)j["name"]!, (int)j["intervalMs"]!)));
        Assert.All(jobs, j => Assert.Contains((string)j!["status"]!, new[] { "running", "completed", "failed", "scheduled" }));
    }

    [Fact]
    public async Task A_trigger_starts_the_job_and_an_unknown_job_is_a_404_that_lists_them()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" });

        var started = await tenant.Http().PostAsync("/api/analytics/jobs/top-items/trigger", null);
        var unknown = await tenant.Http().PostAsync("/api/analytics/jobs/churn/trigger", null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Contains((await started.Content.ReadAsStringAsync()).Trim(), new[] { """{"started":true}""", """{"skipped":"running"}""" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("user-growth, activity-trends, top-items, recent-activity, performance-metrics, cache-cleanup", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_second_read_is_warm_and_clearing_by_pattern_makes_it_cold()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" });
        var http = tenant.Http();

        await http.GetAsync("/api/analytics/top-items?limit=20");
        var second = await http.GetAsync("/api/analytics/top-items?limit=20");
        var cleared = await http.DeleteAsync("/api/analytics/cache?pattern=top-items:*");
        var after = await http.GetAsync("/api/analytics/top-items?limit=20");
        var badPattern = await http.DeleteAsync("/api/analytics/cache?pattern=");
        var all = await http.DeleteAsync("/api/analytics/cache");

        Assert.Equal("warm", second.Headers.GetValues("X-Analytics-Cache").Single());
        Assert.Equal("application/json", second.Content.Headers.ContentType!.MediaType);
        Assert.True((int)JsonNode.Parse(await cleared.Content.ReadAsStringAsync())!["removed"]! >= 1);
        Assert.Equal("cold", after.Headers.GetValues("X-Analytics-Cache").Single());
        Assert.Equal(await second.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badPattern.StatusCode);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }

    [Fact]
    public async Task Stop_leaves_no_job_scheduled_restart_schedules_them_and_metrics_count_runs()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" });
        var http = tenant.Http();

        var stopped = (await (await http.PostAsync("/api/analytics/jobs/stop", null)).Content.ReadFromJsonAsync<JsonArray>())!;
        var stoppedMetrics = await http.GetOkJsonAsync("/api/analytics/jobs/metrics");
        var restarted = (await (await http.PostAsync("/api/analytics/jobs/restart", null)).Content.ReadFromJsonAsync<JsonArray>())!;
        var metrics = await http.GetOkJsonAsync("/api/analytics/jobs/metrics");

        Assert.All(stopped, j => Assert.Null(j!["nextRun"]));
        Assert.False((bool)stoppedMetrics["running"]!);
        Assert.All(restarted, j => Assert.NotNull(j!["nextRun"]));
        Assert.True((bool)metrics["running"]!);
        Assert.Equal(["totalJobs", "successfulJobs", "failedJobs", "averageJobDurationMs", "lastCleanup", "running"], metrics.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Performance_metrics_are_a_value_too()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.Http().GetAsync("/api/analytics/top-items");

        var metrics = await tenant.Http().GetOkJsonAsync("/api/analytics/performance-metrics");

        Assert.True((long)metrics["calls"]!["count"]! >= 1);
        Assert.Contains(metrics["queries"]!.AsArray(), q => (string?)q!["name"] == "top-items:10");
    }
}
