using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Reports;

/// <summary>Report routes on PostgreSQL.</summary>
public sealed class ReportsApiTests(DashboardSiloFixture fixture) : ReportsContract(fixture.Silo), IClassFixture<DashboardSiloFixture>;

/// <summary>Report routes on the embedded silo.</summary>
public sealed class EmbeddedReportsApiTests(EmbeddedSiloFixture fixture) : ReportsContract(fixture.Silo), IClassFixture<EmbeddedSiloFixture>;

/// <summary><c>/api/reports</c>, on a silo whose clock stands at Monday 2026-01-05 09:00 UTC.</summary>
public abstract class ReportsContract(SiloFactory silo)
{
    [Fact]
    public async Task A_tenant_starts_with_the_four_reference_templates_and_their_next_runs()
    {
        var tenant = await FeedClient.CreateAsync(silo);

        var templates = (await tenant.Http().GetOkJsonAsync("/api/reports/templates")).AsArray();

        Assert.Equal(
            [("daily-activity-summary", "daily", "csv", "2026-01-06T09:00:00+00:00"), ("weekly-user-growth", "weekly", "csv", "2026-01-12T09:00:00+00:00"),
             ("monthly-comprehensive", "monthly", "json", "2026-02-01T09:00:00+00:00"), ("quarterly-performance", "quarterly", "csv", "2026-04-01T09:00:00+00:00")],
            templates.Select(t => ((string)t!["id"]!, (string)t["schedule"]!, (string)t["format"]!, (string)t["nextRun"]!)));
        Assert.Equal(
            """{"totalTemplates":4,"activeTemplates":4,"successfulReports":0,"failedReports":0}""",
            (await tenant.Http().GetOkJsonAsync("/api/reports/statistics")).ToJsonString());
    }

    [Fact]
    public async Task Templates_are_created_read_replaced_and_deleted()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var http = tenant.Http();
        var body = new { id = "ops-weekly", name = "Ops weekly", schedule = "0 7 * * 1", timeZone = "Europe/Berlin", format = "xlsx", metrics = new[] { "activity-trends", "top-items" }, recipients = new[] { "ops@example.com" }, isActive = true };
        var mailOff = await http.PostAsJsonAsync("/api/reports/templates", body);
        using (var admin = silo.CreateAdminClient())
        {
            (await admin.PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}", new { reportMail = true })).EnsureSuccessStatusCode();
        }

        var created = await http.PostAsJsonAsync("/api/reports/templates", body);
        var again = await http.PostAsJsonAsync("/api/reports/templates", body);
        var read = await http.GetOkJsonAsync("/api/reports/templates/ops-weekly");
        var replaced = await http.PutAsJsonAsync("/api/reports/templates/ops-weekly", body with { schedule = "daily", isActive = false } as object);
        Assert.Equal(HttpStatusCode.BadRequest, mailOff.StatusCode);
        Assert.Contains("report mail turned on", await mailOff.Content.ReadAsStringAsync());
        var deleted = await http.DeleteAsync("/api/reports/templates/ops-weekly");
        var gone = await http.GetAsync("/api/reports/templates/ops-weekly");
        var deletedAgain = await http.DeleteAsync("/api/reports/templates/ops-weekly");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/reports/templates/ops-weekly", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("2026-01-12T06:00:00+00:00", true, "xlsx"), ((string)read["nextRun"]!, (bool)read["includeMetadata"]!, (string)read["format"]!));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = JsonNode.Parse(await replaced.Content.ReadAsStringAsync())!;
        Assert.Equal(("daily", false), ((string)after["schedule"]!, (bool)after["isActive"]!));
        Assert.Null(after["nextRun"]);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"x","schedule":"hourly","metrics":["top-items"]}""", "schedule", "daily, weekly, monthly, quarterly")]
    [InlineData("""{"name":"x","schedule":"61 * * * *","metrics":["top-items"]}""", "schedule", "five-field cron")]
    [InlineData("""{"name":"x","schedule":"daily","timeZone":"Mars/Olympus","metrics":["top-items"]}""", "timeZone", "IANA time zone")]
    [InlineData("""{"name":"x","schedule":"daily","format":"pdf","metrics":["top-items"]}""", "format", "csv, json, xlsx")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["churn"]}""", "metrics", "audit-log, comprehensive")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"recipients":["ftp://x"]}""", "recipients", "'ftp://x' is neither")]
    [InlineData("""{"name":"x","schedule":"*/5 * * * *","metrics":["top-items"]}""", "schedule", "runs 5 minutes apart at times; a report may run at most once every 15 minutes")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"recipients":["http://hooks.example.com/"]}""", "recipients", "plain http")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"recipients":["https://127.0.0.1:8080/"]}""", "recipients", "internal address")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"recipients":["https://localhost/"]}""", "recipients", "internal address")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"recipients":["https://[::ffff:127.0.0.1]/"]}""", "recipients", "internal address")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"recipients":["https://2130706433/"]}""", "recipients", "internal address")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"recipients":["https://0x7f.0.0.1/"]}""", "recipients", "internal address")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"recipients":["https://127.1/"]}""", "recipients", "internal address")]
    [InlineData("""{"name":"x","schedule":"daily","metrics":["top-items"],"colour":"red"}""", "colour", "not a field of this request")]
    [InlineData("""{"schedule":"daily","metrics":["top-items"]}""", "name", "is required")]
    [InlineData("""{"id":"Has Spaces","name":"x","schedule":"daily","metrics":["top-items"]}""", "id", "lowercase letters")]
    public async Task A_bad_template_is_a_400_naming_the_field(string json, string field, string says)
    {
        var tenant = await FeedClient.CreateAsync(silo);

        var response = await tenant.PostAsync("/api/reports/templates", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(says, problem["errors"]![field]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(4, (await tenant.Http().GetOkJsonAsync("/api/reports/templates")).AsArray().Count);
    }

    [Fact]
    public async Task Generate_runs_a_template_now_and_its_file_downloads()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1", occurredAt = "2026-01-04T12:00:00Z" });

        var accepted = await tenant.PostAsync("/api/reports/generate", new { templateId = "monthly-comprehensive" });
        var started = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!;
        var run = await FinishedAsync(tenant, (string)started["id"]!);
        var download = await tenant.Http().GetAsync($"/api/reports/runs/{run["id"]}/download");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(("running", "manual"), ((string)started["status"]!, (string)started["trigger"]!));
        Assert.Equal(("completed", "monthly-comprehensive"), ((string)run["status"]!, (string)run["templateId"]!));
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("monthly-comprehensive-2026-01-05.json", download.Content.Headers.ContentDisposition!.FileName);
        var file = JsonNode.Parse(await download.Content.ReadAsStringAsync())!;
        Assert.Equal(1, (int)file["data"]!["summary"]!["totalEvents"]!);
        Assert.Equal((long)run["size"]!, download.Content.Headers.ContentLength);
        Assert.Contains((await tenant.Http().GetOkJsonAsync("/api/reports/runs")).AsArray(), r => (string?)r!["id"] == (string?)run["id"]);
        Assert.Equal(1, (int)(await tenant.Http().GetOkJsonAsync("/api/reports/statistics"))["successfulReports"]!);
    }

    [Fact]
    public async Task Unknown_templates_and_other_tenants_runs_are_404s()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var other = await FeedClient.CreateAsync(silo);
        var started = JsonNode.Parse(await (await tenant.PostAsync("/api/reports/generate", new { templateId = "weekly-user-growth" })).Content.ReadAsStringAsync())!;
        await FinishedAsync(tenant, (string)started["id"]!);

        var unknown = await tenant.PostAsync("/api/reports/generate", new { templateId = "nope" });
        var othersRun = await other.Http().GetAsync($"/api/reports/runs/{started["id"]}");
        var othersFile = await other.Http().GetAsync($"/api/reports/runs/{started["id"]}/download");
        var notAnId = await tenant.Http().GetAsync("/api/reports/runs/123/download");
        var badLimit = await tenant.Http().GetAsync("/api/reports/runs?limit=0");
        var noField = await tenant.PostAsync("/api/reports/generate", new { template = "weekly-user-growth" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersRun.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersFile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noField.StatusCode);
    }

    [Fact]
    public async Task A_tenant_has_at_most_50_templates()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        for (var i = 4; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsync("/api/reports/templates", new { id = $"t{i}", name = "x", schedule = "daily", metrics = new[] { "top-items" } })).StatusCode);
        }

        var one = await tenant.PostAsync("/api/reports/templates", new { id = "t50", name = "x", schedule = "daily", metrics = new[] { "top-items" } });

        Assert.Equal(HttpStatusCode.Conflict, one.StatusCode);
        Assert.Contains("may have 50 report templates", await one.Content.ReadAsStringAsync());
        Assert.Equal(50, (await tenant.Http().GetOkJsonAsync("/api/reports/templates")).AsArray().Count);
    }

    [Fact]
    public async Task The_webhook_secret_is_the_tenants_own()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var other = await FeedClient.CreateAsync(silo);

        var secret = await tenant.Http().GetOkJsonAsync("/api/reports/webhook-secret");
        var again = await tenant.Http().GetOkJsonAsync("/api/reports/webhook-secret");
        var others = await other.Http().GetOkJsonAsync("/api/reports/webhook-secret");

        Assert.StartsWith("whsec_", (string)secret["secret"]!, StringComparison.Ordinal);
        Assert.Equal((string?)secret["secret"], (string?)again["secret"]);
        Assert.NotEqual((string?)secret["secret"], (string?)others["secret"]);
        Assert.Equal("webhook-signature", (string?)secret["header"]);
    }

    // Asks again until the run is no longer running: it goes on in the grain after the 202.
    private static Task<JsonNode> FinishedAsync(FeedClient tenant, string runId) =>
        Poll.UntilAsync(() => tenant.Http().GetOkJsonAsync($"/api/reports/runs/{runId}"), run => (string?)run["status"] != "running", TimeSpan.FromSeconds(30), $"Report run {runId} finishing");
}
