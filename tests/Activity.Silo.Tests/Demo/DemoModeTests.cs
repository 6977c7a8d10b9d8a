using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Activity.Silo.Demo;
using Activity.Testing;

namespace Activity.Silo.Tests.Demo;

public sealed partial class DemoModeTests
{
    [Fact]
    public async Task The_demo_tenant_has_a_month_of_history_milestones_and_a_sign_in_link()
    {
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?>
        {
            ["Activity:Demo:Enabled"] = "true",
            ["Activity:Demo:EventsPerSecond"] = "0",
        });
        silo.CreateClient();

        var line = await Poll.UntilAsync(
            () => Task.FromResult(silo.Logs.Lines.FirstOrDefault(l => l.Contains("#signin=", StringComparison.Ordinal)) ?? ""),
            found => found.Length > 0, TimeSpan.FromSeconds(60), "the demo's sign-in link");
        var ready = ReadyLine().Match(line);
        Assert.True(ready.Success, line);
        var emitted = int.Parse(ready.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var key = ready.Groups["key"].Value;
        Assert.Equal("/console/index.html", new Uri(ready.Groups["link"].Value).AbsolutePath);

        using var tenant = silo.CreateClient();
        tenant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var summary = (await tenant.GetFromJsonAsync<JsonArray>("/api/activity/log/summary?from=" + DateTime.UtcNow.AddDays(-31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))!;
        // Dashboards add milestones (streaks, rank-ups) as events of their own, through the same log.
        string[] milestones = ["streak_milestone", "xp_rank_up", "tasks_burst"];
        Assert.Equal(emitted, summary.Where(d => !milestones.Contains((string)d!["type"]!)).Sum(d => (int)d!["count"]!));
        Assert.True(emitted > 30 * 20, $"only {emitted} events in 30 days");
        Assert.Equal(30, summary.Select(d => (string)d!["day"]!).Distinct().Count());
        Assert.Contains(summary, d => (string)d!["type"]! == "SIGN_UP");

        var tenants = (await silo.CreateAdminClient().GetFromJsonAsync<JsonArray>("/api/admin/tenants"))!;
        var demo = tenants.Single(t => (string)t!["name"]! == DemoMode.TenantName)!;
        var rules = (await silo.CreateAdminClient().GetFromJsonAsync<JsonObject>($"/api/admin/tenants/{demo["id"]}/milestones"))!;
        Assert.True((bool)rules["streak"]!["enabled"]!);
        Assert.True((bool)rules["xpRankUp"]!["enabled"]!);
    }

    [Fact]
    public void Demo_mode_is_for_the_embedded_silo_only()
    {
        var options = new DemoOptions { Enabled = true };

        Assert.Null(options.Problem(embedded: true));
        Assert.Contains("embedded silo only", options.Problem(embedded: false), StringComparison.Ordinal);
        Assert.Null(new DemoOptions().Problem(embedded: false));
        Assert.Contains("HistoryDays", new DemoOptions { Enabled = true, HistoryDays = 0 }.Problem(embedded: true), StringComparison.Ordinal);
        Assert.Contains("EventsPerSecond", new DemoOptions { Enabled = true, EventsPerSecond = 51 }.Problem(embedded: true), StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_switch_is_the_setting_it_stands_for()
    {
        Assert.Equal(["--urls", "http://x", "--Activity:Demo:Enabled=true"], DemoOptions.Arguments(["--urls", "http://x", "--demo"]));
    }

    [Fact]
    public void The_history_is_the_same_for_a_seed_and_in_the_past()
    {
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var first = new DemoData(new Random(7)).History(now, 30).ToList();
        var second = new DemoData(new Random(7)).History(now, 30).ToList();

        Assert.Equal(first.Select(e => (e.Type, e.ActorId, e.OccurredAt)), second.Select(e => (e.Type, e.ActorId, e.OccurredAt)));
        Assert.All(first, e => Assert.InRange(e.OccurredAt!.Value, new DateTimeOffset(now.UtcDateTime.Date.AddDays(-30), TimeSpan.Zero), now));
        Assert.Equal(DemoData.Users.Count, first.Count(e => e.Type == "SIGN_UP"));
        Assert.True(first.SequenceEqual(first.OrderBy(e => e.OccurredAt)), "history is oldest first");
    }

    [GeneratedRegex(@"Demo: (?<count>\d+) events .* (?<link>http\S+#signin=(?<key>act_\S+))")]
    private static partial Regex ReadyLine();
}
