using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AnalyticsTests(ConsoleSilo console)
{
    [Fact]
    public async Task Charts_and_top_items_show_the_API_s_numbers_jobs_run_and_exports_download()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync(
            new { type = "SIGN_UP", actorId = "ann" },
            new { type = "SIGN_UP", actorId = "bob" },
            new { type = "vote", actorId = "bob", itemId = "p1", itemOwnerId = "ann" },
            new { type = "view", actorId = "bob", itemId = "p2", itemOwnerId = "ann" },
            new { type = "comment", actorId = "ann", itemId = "p1", itemOwnerId = "ann", payload = new { text = "=HYPERLINK(\"x\")" } });
        await tenant.DrainAsync();

        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();

        var growth = (await tenant.GetAsync("api/analytics/user-growth?months=12")).AsArray();
        var rows = page.Locator("#chart-growth table.numbers tbody tr");
        await Expect(rows).ToHaveCountAsync(growth.Count);
        await Expect(rows.Last.Locator("th")).ToHaveTextAsync((string)growth[^1]!["month"]!);
        await Expect(rows.Last.Locator("td").First).ToHaveTextAsync(((int)growth[^1]!["totalUsers"]!).ToString(CultureInfo.InvariantCulture));
        var top = (await tenant.GetAsync("api/analytics/top-items?limit=10")).AsArray();
        await Expect(page.Locator("#analytics-top tbody tr")).ToHaveCountAsync(top.Count);
        await Expect(page.Locator("#analytics-top tbody tr").First.Locator("td").First).ToHaveTextAsync((string)top[0]!["itemId"]!);
        await Expect(page.Locator("#chart-trends canvas")).ToBeVisibleAsync();

        await Expect(page.Locator("#jobs tbody tr")).ToHaveCountAsync(6);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now: Top Items Ranking" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Top Items Ranking" })).ToBeVisibleAsync();

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(await csv.PathAsync());
        Assert.Contains("section", text, StringComparison.Ordinal);
        await Expect(page.GetByText($"Downloaded {csv.SuggestedFilename}")).ToBeVisibleAsync();

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download XLSX" }).ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(await xlsx.PathAsync()))[..2]);
    }

    [Fact]
    public async Task An_export_the_API_refuses_shows_its_detail()
    {
        var tenant = await console.NewTenantAsync();
        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();

        await page.GetByLabel("From (UTC)").FillAsync("2026-12-01");
        await page.GetByLabel("To (UTC)").FillAsync("2026-11-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download JSON" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Could not export");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("before");
    }
}
