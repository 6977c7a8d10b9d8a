using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Milestones;

public sealed class MilestonesApiTests(DashboardSiloFixture fixture) : IClassFixture<DashboardSiloFixture>
{
    private static readonly DateTimeOffset Now = ActivityCluster.NewClock().GetUtcNow();

    [Fact]
    public async Task Rules_are_off_until_set_and_a_put_replaces_them_whole()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var before = await GetAsync(tenant);
        var put = await Admin().PutAsync($"/api/admin/tenants/{tenant.TenantId}/milestones", Json("""{"tasksBurst":{"enabled":true,"type":"task_completed"},"xpRankUp":{"enabled":true,"field":"xp","thresholds":[100,500]}}"""));
        var after = await GetAsync(tenant);

        Assert.Equal("""{"streak":{"enabled":false},"tasksBurst":{"enabled":false,"type":null,"count":10},"xpRankUp":{"enabled":false,"field":null,"thresholds":[]}}""", before.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("""{"streak":{"enabled":false},"tasksBurst":{"enabled":true,"type":"task_completed","count":10},"xpRankUp":{"enabled":true,"field":"xp","thresholds":[100,500]}}""", after.ToJsonString());
    }

    [Theory]
    [InlineData("""{"streak":{"enabled":true,"days":7}}""", "streak.days")]
    [InlineData("""{"streak":{}}""", "streak.enabled")]
    [InlineData("""{"tasksBurst":{"enabled":true}}""", "tasksBurst.type")]
    [InlineData("""{"tasksBurst":{"enabled":true,"type":"not a type"}}""", "tasksBurst.type")]
    [InlineData("""{"tasksBurst":{"enabled":true,"type":"t","count":1}}""", "tasksBurst.count")]
    [InlineData("""{"xpRankUp":{"enabled":true,"field":"xp","thresholds":[500,100]}}""", "xpRankUp.thresholds")]
    [InlineData("""{"xpRankUp":{"enabled":true,"field":"xp"}}""", "xpRankUp.thresholds")]
    [InlineData("""{"badges":{}}""", "badges")]
    public async Task A_rule_that_cannot_run_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await Admin().PutAsync($"/api/admin/tenants/{tenant.TenantId}/milestones", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        Assert.False((bool)(await GetAsync(tenant))["streak"]!["enabled"]!);
    }

    [Fact]
    public async Task Rules_need_the_admin_key_and_a_tenant_that_exists()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Http().GetAsync($"/api/admin/tenants/{tenant.TenantId}/milestones")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin().GetAsync("/api/admin/tenants/ten_0000000000000000/milestones")).StatusCode);
    }

    [Fact]
    public async Task A_seven_day_streak_shows_once_in_the_log_and_the_feed()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var put = await Admin().PutAsync($"/api/admin/tenants/{tenant.TenantId}/milestones", Json("""{"streak":{"enabled":true}}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await tenant.EmitAsync([.. Enumerable.Range(0, 9).Select(day => (object)new { type = "SIGN_IN", actorId = "ann", occurredAt = Now.AddDays(day - 8) })]);
        await tenant.DrainAsync(); // the crossing; its milestone event is emitted
        await tenant.DrainAsync(); // the milestone event reaches the feed

        var log = (await tenant.Http().GetFromJsonAsync<JsonNode>("/api/activity/log?type=streak_milestone"))!["entries"]!.AsArray();
        var entry = Assert.Single(log);
        Assert.Equal(("ann", 7), ((string?)entry!["actorId"], (int)entry["payload"]!["days"]!));
        Assert.Contains(await tenant.TilesAsync(), t => (string?)t!["description"] == "Reached a 7-day streak");
    }

    private async Task<JsonNode> GetAsync(FeedClient tenant)
    {
        var response = await Admin().GetAsync($"/api/admin/tenants/{tenant.TenantId}/milestones");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private HttpClient Admin() => fixture.Silo.CreateAdminClient();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
