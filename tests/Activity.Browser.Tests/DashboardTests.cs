using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class DashboardTests(ConsoleSilo console)
{
    [Fact]
    public async Task Cards_charts_and_top_items_show_the_numbers_the_API_gives()
    {
        var tenant = await console.NewTenantAsync();
        var events = new List<object>();
        for (var i = 0; i < 7; i++)
        {
            events.Add(new { type = "vote", actorId = $"fan{i}", itemId = "post-1", itemOwnerId = "owner" });
        }

        events.Add(new { type = "vote", actorId = "fan1", itemId = "post-2", itemOwnerId = "owner" });
        events.Add(new { type = "comment", actorId = "fan2", itemId = "post-2", itemOwnerId = "owner" });
        events.Add(new { type = "comment", actorId = "fan3", itemId = "post-2", itemOwnerId = "owner" });
        events.Add(new { type = "submission", actorId = "owner", itemId = "post-3", itemOwnerId = "owner" });
        events.Add(new { type = "view", actorId = "fan4", itemId = "post-3", itemOwnerId = "owner" });
        await tenant.EmitAsync([.. events]);
        await tenant.DrainAsync();
        var summary = await tenant.GetAsync("api/dashboard/users/owner");
        var weekly = (await tenant.GetAsync("api/dashboard/users/owner/weekly?weeks=12")).AsArray();
        var daily = (await tenant.GetAsync("api/dashboard/users/owner/daily?days=7")).AsArray();
        var top = (await tenant.GetAsync("api/dashboard/users/owner/top-items?limit=5")).AsArray();

        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboards" }).ClickAsync();
        await page.GetByLabel("User id").FillAsync("owner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard of owner" })).ToBeVisibleAsync();

        foreach (var total in (string[])["totalActivity", "uniqueItemsInteracted", "votesReceived", "commentsReceived", "submissions", "viewsReceived"])
        {
            await Expect(page.Locator($"[data-total={total}] .stat-value")).ToHaveTextAsync(Number(summary[total]));
        }

        Assert.Equal(8, (int)summary["votesReceived"]!);
        await ExpectTableAsync(page.Locator("#chart-weekly table.numbers tbody tr"), weekly, w => (string)w["week"]!, "votes", "comments");
        await ExpectTableAsync(page.Locator("#chart-daily table.numbers tbody tr"), daily, d => null, "submissions", "views", "engagement");
        await Expect(page.Locator("#top-items tbody tr")).ToHaveCountAsync(top.Count);
        await Expect(page.Locator("#top-items tbody tr").First).ToHaveTextAsync($"{top[0]!["itemId"]}{Number(top[0]!["votes"])}{Number(top[0]!["comments"])}");
        Assert.Equal(2, await page.Locator("canvas").CountAsync());
    }

    // Each row of the chart's table holds the API's numbers, in order (and its label, when given).
    private static async Task ExpectTableAsync(ILocator rows, JsonArray expected, Func<JsonNode, string?> label, params string[] fields)
    {
        await Expect(rows).ToHaveCountAsync(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = rows.Nth(i);
            if (label(expected[i]!) is { } text)
            {
                await Expect(row.Locator("th")).ToHaveTextAsync(text);
            }

            await Expect(row.Locator("td")).ToHaveTextAsync([.. fields.Select(f => Number(expected[i]![f]))]);
        }
    }

    // en-GB, the browser's locale in these tests, groups thousands with commas as the invariant culture does.
    private static string Number(JsonNode? value) => ((long)value!).ToString("N0", CultureInfo.InvariantCulture);
}
