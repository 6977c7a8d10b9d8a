using System.Net;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;

namespace Activity.Silo.Tests.Audit;

public sealed class AuditApiTests(DashboardSiloFixture fixture) : IClassFixture<DashboardSiloFixture>
{
    [Fact]
    public async Task An_emitted_audit_event_is_listed_with_its_fields()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var ids = await tenant.EmitAsync(new
        {
            type = "SIGN_IN",
            actorId = "ann",
            status = "success",
            environment = "production",
            requestId = "req-7",
            ipAddress = "203.0.113.7",
            details = "Signed in with a passkey",
            payload = new { method = "passkey" },
        });

        var entry = (await tenant.Http().GetOkJsonAsync("/api/activity/log"))["entries"]![0]!;

        Assert.Equal(ids[0].ToString(), (string?)entry["id"]);
        Assert.Equal(
            ("SIGN_IN", "ann", "success", "production", "req-7", "203.0.113.7", "Signed in with a passkey", "passkey"),
            ((string?)entry["type"], (string?)entry["actorId"], (string?)entry["status"], (string?)entry["environment"], (string?)entry["requestId"], (string?)entry["ipAddress"], (string?)entry["details"], (string?)entry["payload"]!["method"]));
        Assert.NotNull(entry["receivedAt"]);
        Assert.Null(entry["sequence"]);
    }

    [Theory]
    [InlineData("ipAddress", "\"1\"", "is not an IPv4 address")]
    [InlineData("ipAddress", "\"999.1.1.1\"", "is not an IPv4 address")]
    [InlineData("ipAddress", "\"fe80::1%eth0\"", "is not an IPv4 address")]
    [InlineData("status", "\"a-status-that-is-longer-than-32-chars\"", "at most 32 characters")]
    [InlineData("environment", "42", "must be a string")]
    public async Task An_audit_field_that_breaks_its_rule_is_a_400_naming_it_and_nothing_is_stored(string field, string value, string message)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.PostAsync("/api/activity/emit", $$"""[{"type":"vote","actorId":"ann"},{"type":"SIGN_IN","actorId":"ann","{{field}}":{{value}}}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"events[1].{field}", body);
        Assert.Contains(message, body);
        Assert.Empty((await tenant.Http().GetOkJsonAsync("/api/activity/log"))["entries"]!.AsArray());
    }

    [Fact]
    public async Task Details_of_2000_characters_are_taken_and_2001_refused()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        await tenant.EmitAsync(new { type = "deployment", actorId = "ann", details = new string('d', 2000) });
        var response = await tenant.PostAsync("/api/activity/emit", new { type = "deployment", actorId = "ann", details = new string('d', 2001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Filters_and_search_narrow_the_list()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(
            new { type = "deployment", actorId = "ann", itemId = "api", status = "failed", environment = "production", details = "Health check timed out" },
            new { type = "deployment", actorId = "bob", itemId = "web", status = "success", environment = "staging" },
            new { type = "endpoints_added", actorId = "ann", itemId = "api", payload = new { endpointCount = 5, projectName = "Orion" } });

        Assert.Equal(["endpoints_added", "deployment"], await TypesAsync(tenant, "?actorId=ann"));
        Assert.Equal(["deployment"], await TypesAsync(tenant, "?status=failed&environment=production"));
        Assert.Equal(["endpoints_added", "deployment"], await TypesAsync(tenant, "?itemId=api"));
        Assert.Equal(["deployment"], await TypesAsync(tenant, "?q=timed%20out"));
        Assert.Equal(["endpoints_added"], await TypesAsync(tenant, "?q=orion"));
        Assert.Equal(["deployment", "deployment"], await TypesAsync(tenant, "?type=deployment"));
        Assert.Empty(await TypesAsync(tenant, "?to=2020-01-01"));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_to_the_end()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync([.. Enumerable.Range(0, 5).Select(i => (object)new { type = $"step_{i}", actorId = "ann" })]);

        var first = await tenant.Http().GetOkJsonAsync("/api/activity/log?limit=3");
        var second = await tenant.Http().GetOkJsonAsync($"/api/activity/log?limit=3&cursor={first["nextCursor"]}");

        Assert.Equal(["step_4", "step_3", "step_2", "step_1", "step_0"], first["entries"]!.AsArray().Concat(second["entries"]!.AsArray()).Select(e => (string)e!["type"]!));
        Assert.Null((string?)second["nextCursor"]);
    }

    [Theory]
    [InlineData("?limit=0", "limit must be a whole number from 1 to 200")]
    [InlineData("?limit=201", "limit must be a whole number from 1 to 200")]
    [InlineData("?cursor=not-a-cursor", "cursor is not one this API gave out")]
    [InlineData("?from=yesterday", "from must be a date")]
    [InlineData("?from=2026-02-01&to=2026-01-01", "is after to")]
    [InlineData("/summary?from=2024-01-01&to=2026-01-01", "longer than 366 days")]
    [InlineData("/summary?to=2026-13-01", "to must be a date")]
    public async Task A_bad_parameter_is_a_400_that_says_what_to_fix(string query, string message)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.Http().GetAsync($"/api/activity/log{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_summary_counts_types_per_day_over_the_last_30_days_by_default()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAsync(
            new { type = "endpoints_added", actorId = "ann" },
            new { type = "endpoints_added", actorId = "bob" },
            new { type = "deployment", actorId = "ann", occurredAt = "2026-01-03T12:00:00Z" },
            new { type = "deployment", actorId = "ann", occurredAt = "2025-11-01T12:00:00Z" });

        var summary = await tenant.Http().GetOkJsonAsync("/api/activity/log/summary");
        var deployments = await tenant.Http().GetOkJsonAsync("/api/activity/log/summary?type=deployment&from=2025-11-01");

        Assert.Equal("""[{"day":"2026-01-05","type":"endpoints_added","count":2},{"day":"2026-01-03","type":"deployment","count":1}]""", summary.ToJsonString());
        Assert.Equal(2, deployments.AsArray().Count);
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_log()
    {
        var a = await FeedClient.CreateAsync(fixture.Silo);
        var b = await FeedClient.CreateAsync(fixture.Silo);
        await a.EmitAsync(new { type = "SIGN_IN", actorId = "ann", ipAddress = "2001:db8::7" });

        Assert.Empty((await b.Http().GetOkJsonAsync("/api/activity/log"))["entries"]!.AsArray());
        Assert.Empty((await b.Http().GetOkJsonAsync("/api/activity/log/summary")).AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Silo.CreateClient().GetAsync("/api/activity/log")).StatusCode);
    }

    private static async Task<IEnumerable<string>> TypesAsync(FeedClient tenant, string query) =>
        (await tenant.Http().GetOkJsonAsync($"/api/activity/log{query}"))["entries"]!.AsArray().Select(e => (string)e!["type"]!);

}
