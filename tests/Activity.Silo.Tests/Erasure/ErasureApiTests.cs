using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Erasure;

/// <summary>Erasure on PostgreSQL.</summary>
public sealed class ErasureApiTests(DashboardSiloFixture fixture) : ErasureContract(fixture.Silo), IClassFixture<DashboardSiloFixture>;

/// <summary>Erasure on the embedded silo's in-memory stores.</summary>
public sealed class EmbeddedErasureApiTests(EmbeddedSiloFixture fixture) : ErasureContract(fixture.Silo), IClassFixture<EmbeddedSiloFixture>;

/// <summary>
/// Erasing a person over HTTP: afterwards no route returns anything of them, and every count equals
/// that of a twin tenant that never had their events.
/// </summary>
public abstract class ErasureContract(SiloFactory silo)
{
    private const string Erin = "erin-7f3a";

    [Fact]
    public async Task An_erased_person_is_in_no_route_and_every_count_is_as_if_they_never_were()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var twin = await FeedClient.CreateAsync(silo);
        var (tiles, erinsOwn) = await HistoryAsync(tenant, withErin: true);
        await HistoryAsync(twin, withErin: false);
        await tenant.PostAsync("/api/activity/reactions", new { eventId = tiles.BobsSubmission, userId = Erin, reactionType = "hype" });
        await tenant.PostAsync("/api/activity/reactions", new { eventId = tiles.BobsSubmission, userId = "dan", reactionType = "hype" });
        await tenant.PostAsync("/api/activity/comments", new { eventId = tiles.Badges, userId = Erin, body = "Mine was first" });
        await tenant.PostAsync("/api/activity/comments", new { eventId = tiles.Badges, userId = "carol", body = "Congrats" });
        await tenant.PostAsync("/api/activity/comments", new { eventId = erinsOwn, userId = "bob", body = "Nice deploy" });
        using var admin = silo.CreateAdminClient();

        var response = await admin.DeleteAsync($"/api/admin/tenants/{tenant.TenantId}/users/{Erin}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var removed = (await response.Content.ReadFromJsonAsync<JsonObject>())!["removed"]!;
        Assert.Equal(
            """{"events":9,"ownerMentions":3,"tiles":7,"tilesScrubbed":4,"comments":1,"reactions":1,"changeLogEntries":""" + removed["changeLogEntries"] + ""","dashboards":1,"engagementOnOthersItems":2,"statisticsSections":4}""",
            removed.ToJsonString());
        Assert.True((int)removed["changeLogEntries"]! >= 4, removed.ToJsonString());

        foreach (var user in new[] { "bob", "carol", "dan" })
        {
            Assert.Equal(await ReadAsync(twin, $"/api/dashboard/users/{user}"), await ReadAsync(tenant, $"/api/dashboard/users/{user}"));
            Assert.Equal(await ReadAsync(twin, $"/api/dashboard/users/{user}/weekly"), await ReadAsync(tenant, $"/api/dashboard/users/{user}/weekly"));
            Assert.Equal(await ReadAsync(twin, $"/api/dashboard/users/{user}/daily"), await ReadAsync(tenant, $"/api/dashboard/users/{user}/daily"));
            Assert.Equal(await ReadAsync(twin, $"/api/dashboard/users/{user}/top-items"), await ReadAsync(tenant, $"/api/dashboard/users/{user}/top-items"));
        }

        Assert.Equal(await ReadAsync(twin, "/api/stats"), await ReadAsync(tenant, "/api/stats"));
        Assert.Equal(await ReadAsync(twin, "/api/activity/log/summary"), await ReadAsync(tenant, "/api/activity/log/summary"));
        var erin = await tenant.Http().GetOkJsonAsync($"/api/dashboard/users/{Erin}");
        Assert.Equal("""{"userId":"erin-7f3a","totalActivity":0,"uniqueItemsInteracted":0,"votesReceived":0,"commentsReceived":0,"submissions":0,"viewsReceived":0}""", erin.ToJsonString());
        await AssertNoTraceAsync(tenant, tiles);
    }

    [Fact]
    public async Task Erasing_again_removes_nothing_more_and_changes_no_count()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await HistoryAsync(tenant, withErin: true);
        using var admin = silo.CreateAdminClient();
        await admin.DeleteAsync($"/api/admin/tenants/{tenant.TenantId}/users/{Erin}");
        var stats = await ReadAsync(tenant, "/api/stats");
        var bob = await ReadAsync(tenant, "/api/dashboard/users/bob");

        var again = await admin.DeleteAsync($"/api/admin/tenants/{tenant.TenantId}/users/{Erin}");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var removed = (await again.Content.ReadFromJsonAsync<JsonObject>())!["removed"]!;
        Assert.Equal((0L, 0L, 0, 0, 0, 0), ((long)removed["events"]!, (long)removed["ownerMentions"]!, (int)removed["tiles"]!, (int)removed["tilesScrubbed"]!, (int)removed["comments"]!, (int)removed["engagementOnOthersItems"]!));
        Assert.Equal(stats, await ReadAsync(tenant, "/api/stats"));
        Assert.Equal(bob, await ReadAsync(tenant, "/api/dashboard/users/bob"));
    }

    [Fact]
    public async Task Erasure_needs_the_admin_key_and_a_known_tenant()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        using var admin = silo.CreateAdminClient();

        var withTenantKey = await tenant.Http().DeleteAsync($"/api/admin/tenants/{tenant.TenantId}/users/{Erin}");
        var unknown = await admin.DeleteAsync($"/api/admin/tenants/ten_000000000000/users/{Erin}");
        var tooLong = await admin.DeleteAsync($"/api/admin/tenants/{tenant.TenantId}/users/{new string('x', 257)}");

        Assert.Equal(HttpStatusCode.Forbidden, withTenantKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType!.MediaType);
    }

    // Every route that returns the tenant's data, read whole: none may hold the person's id.
    private static async Task AssertNoTraceAsync(FeedClient tenant, Tiles tiles)
    {
        var http = tenant.Http();
        var feed = await tenant.TilesAsync();
        AssertClean("/api/activity/events", feed.ToJsonString());
        foreach (var tile in feed)
        {
            AssertClean("/api/activity/comments", await ReadAsync(tenant, $"/api/activity/comments?eventId={tile!["id"]}"));
        }

        AssertClean("/api/activity/comments (a removed tile)", await (await http.GetAsync($"/api/activity/comments?eventId={tiles.ErinsDeploy}")).Content.ReadAsStringAsync());
        foreach (var path in new[]
        {
            "/api/activity/log?limit=200", $"/api/activity/log?actorId={Erin}", $"/api/activity/log?q={Erin}",
            "/api/activity/log/summary", "/api/stats", "/api/dashboard/users/bob", "/api/dashboard/users/bob/top-items",
            "/api/dashboard/users/carol", "/api/dashboard/users/dan",
        })
        {
            AssertClean(path, await ReadAsync(tenant, path));
        }

        Assert.Empty((await http.GetOkJsonAsync($"/api/activity/log?actorId={Erin}"))["entries"]!.AsArray());
        AssertClean("SSE replay", await ReplayAsync(tenant));
    }

    // The whole change log as SSE replays it from the start, up to a marker emitted after the erasure.
    private static async Task<string> ReplayAsync(FeedClient tenant)
    {
        var marker = (await tenant.EmitAsync(new { type = "SIGN_OUT", actorId = "dan" }))[0];
        await tenant.DrainAsync();
        await using var stream = await tenant.StreamAsync(lastEventId: 0);
        var frames = new List<string>();
        while (true)
        {
            var frame = await stream.NextEventAsync();
            frames.Add($"{frame.Event} {frame.Data}");
            if (frame.Data!.Contains(marker.ToString(), StringComparison.Ordinal))
            {
                return string.Join("\n", frames);
            }
        }
    }

    private static void AssertClean(string route, string body) =>
        Assert.False(body.Contains(Erin, StringComparison.Ordinal), $"{route} still names {Erin}: {body}");

    private static async Task<string> ReadAsync(FeedClient tenant, string path) => (await tenant.Http().GetOkJsonAsync(path)).ToJsonString();

    // The same history in both tenants, with or without Erin's own events; items Erin owns keep their
    // other events, which name no owner in the twin (as erasure leaves them).
    private static async Task<(Tiles Tiles, Guid ErinsDeploy)> HistoryAsync(FeedClient tenant, bool withErin)
    {
        var erinOwns = withErin ? Erin : null;
        var ids = await tenant.EmitAsync(
            new { type = "SIGN_UP", actorId = "bob" },
            new { type = "submission", actorId = "bob", itemId = "b1" },
            new { type = "vote", actorId = "bob", itemId = "e1", itemOwnerId = erinOwns },
            new { type = "comment", actorId = "carol", itemId = "e1", itemOwnerId = erinOwns, payload = new { commentId = "c1" } },
            new { type = "view", actorId = "dan", itemId = "e1", itemOwnerId = erinOwns },
            new { type = "newsletter_subscribed", actorId = "carol" });
        var badges = await tenant.EmitAsync([
            .. withErin ? [new { type = "badge_earned", actorId = Erin, payload = new { badgeName = "Erin's first" } }] : Array.Empty<object>(),
            new { type = "badge_earned", actorId = "carol", payload = new { badgeName = "Carol's first" } }]);
        Guid deploy = default;
        if (withErin)
        {
            await tenant.EmitAsync(
                new { type = "SIGN_UP", actorId = Erin },
                new { type = "submission", actorId = Erin, itemId = "e1" },
                new { type = "vote", actorId = Erin, itemId = "b1", itemOwnerId = "bob" },
                new { type = "comment", actorId = Erin, itemId = "b1", itemOwnerId = "bob", payload = new { commentId = "c2" } },
                new { type = "view", actorId = Erin, itemId = "b1", itemOwnerId = "bob" },
                new { type = "newsletter_subscribed", actorId = Erin },
                new { type = "badge_earned", actorId = Erin, payload = new { badgeName = "Erin's second" } });
            deploy = (await tenant.EmitAsync(new { type = "deployment", actorId = Erin, payload = new { projectName = "erin-site" } }))[0];
        }

        await tenant.EmitAsync(new { type = "badge_earned", actorId = "carol", payload = new { badgeName = "Carol's second" } });
        await tenant.DrainAsync();
        return (new Tiles(ids[1], badges[0], deploy), deploy);
    }

    private sealed record Tiles(Guid BobsSubmission, Guid Badges, Guid ErinsDeploy);
}

/// <summary>Erasure as live SSE clients see it (on the real clock: streams deliver on timers).</summary>
public sealed class ErasureLiveTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    private const string Erin = "erin-7f3a";

    [Fact]
    public async Task Live_clients_hear_of_the_erasure_and_a_group_goes_on_growing_without_them()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var badges = await tenant.EmitAsync(
            new { type = "badge_earned", actorId = Erin },
            new { type = "badge_earned", actorId = "carol" },
            new { type = "badge_earned", actorId = "dan" });
        var deploy = (await tenant.EmitAsync(new { type = "deployment", actorId = Erin }))[0];
        await tenant.DrainAsync();
        var comment = await tenant.PostAsync("/api/activity/comments", new { eventId = badges[0], userId = Erin, body = "First!" });
        var commentId = (string)(await comment.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await using var stream = await tenant.StreamAsync();
        using var admin = fixture.Silo.CreateAdminClient();

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/admin/tenants/{tenant.TenantId}/users/{Erin}")).StatusCode);

        var removed = await stream.NextEventAsync();
        var updated = await stream.NextEventAsync();
        var uncommented = await stream.NextEventAsync();
        Assert.Equal(("activity.event.removed", deploy.ToString()), (removed.Event, (string?)removed.Json["id"]));
        Assert.Null(removed.Json["mergedInto"]);
        Assert.Equal(("activity.event.updated", """["carol","dan"]"""), (updated.Event, updated.Json["actorIds"]!.ToJsonString()));
        Assert.Equal(("activity.comment.removed", commentId), (uncommented.Event, (string?)uncommented.Json["id"]));

        await tenant.EmitAsync(new { type = "badge_earned", actorId = "bob" });
        await tenant.DrainAsync();

        var group = Assert.Single(await tenant.TilesAsync())!;
        Assert.Equal(4, (int)group["count"]!);
        Assert.Equal("""["carol","dan","bob"]""", group["actorIds"]!.ToJsonString());
        Assert.Equal(["carol", "dan", "bob"], group["samples"]!.AsArray().Select(s => (string?)s!["actorId"]));
    }
}
