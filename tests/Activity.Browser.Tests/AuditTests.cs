using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AuditTests(ConsoleSilo console)
{
    [Fact]
    public async Task The_filter_and_the_search_find_what_was_emitted()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync(
            new { type = "deployment", actorId = "ops", status = "success", environment = "production", payload = new { projectName = "api", version = "2.1.0" } },
            new { type = "deployment", actorId = "ops", status = "failure", environment = "staging", payload = new { projectName = "web" } },
            new { type = "comment", actorId = "ann", itemId = "p1", details = "mentions the quokka twice" },
            new { type = "vote", actorId = "bob", itemId = "p1" });
        await tenant.DrainAsync();

        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        var rows = page.Locator("table.entries tbody tr:not(.entry-json)");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(page.Locator("#chart-audit canvas")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Type", Exact = true }).FillAsync("deployment");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Status", Exact = true }).FillAsync("failure");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("staging");
        Assert.Contains("type=deployment", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(4);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("quokka");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("comment");

        await rows.First.GetByRole(AriaRole.Button, new() { Name = "JSON" }).ClickAsync();
        await Expect(page.Locator("tr.entry-json pre")).ToContainTextAsync("\"details\": \"mentions the quokka twice\"");
    }

    [Fact]
    public async Task Older_entries_load_with_the_cursor()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync([.. Enumerable.Range(1, 60).Select(i => (object)new { type = "page_view", actorId = $"u{i}", payload = new { path = $"/p{i}" } })]);
        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GotoAsync("console/index.html#/audit");

        var rows = page.Locator("table.entries tbody tr:not(.entry-json)");
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(rows.First).ToContainTextAsync("u60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Older entries" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(60);
        await Expect(rows.Last).ToContainTextAsync("u1");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older entries" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_bad_date_range_shows_the_API_error()
    {
        var tenant = await console.NewTenantAsync();
        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GotoAsync("console/index.html#/audit?from=2026-12-02&to=2026-11-01");

        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("is after to");
    }
}
