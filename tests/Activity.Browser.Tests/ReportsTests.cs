using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ReportsTests(ConsoleSilo console)
{
    [Fact]
    public async Task A_bad_field_shows_the_API_error_and_a_good_template_makes_a_run_that_downloads()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync(new { type = "SIGN_UP", actorId = "ann" });
        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await Expect(page.Locator("#templates tbody tr")).ToHaveCountAsync(4);

        await page.GetByRole(AriaRole.Button, new() { Name = "New template" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Tuesday digest");
        await page.GetByLabel("Schedule", new() { Exact = true }).FillAsync("every tuesday");
        await page.GetByLabel("Time zone").FillAsync("Europe/Berlin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create template" }).ClickAsync();
        var refusal = page.Locator("#template-editor").GetByRole(AriaRole.Alert);
        await Expect(refusal).ToContainTextAsync("Not saved");
        await Expect(refusal.Locator("li code")).ToHaveTextAsync("schedule");

        await page.GetByLabel("Schedule", new() { Exact = true }).FillAsync("0 9 * * 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create template" }).ClickAsync();
        var row = page.Locator("#templates tbody tr", new() { HasText = "Tuesday digest" });
        await Expect(row).ToContainTextAsync("0 9 * * 2 (Europe/Berlin)");
        await Expect(page.Locator("#templates tbody tr")).ToHaveCountAsync(5);

        await row.GetByRole(AriaRole.Button, new() { Name = "Run now: Tuesday digest" }).ClickAsync();
        var run = page.Locator("#runs tbody tr", new() { HasText = "Tuesday digest" });
        await Expect(run).ToHaveAttributeAsync("data-status", "completed");
        await Expect(run).ToContainTextAsync("manual");
        var file = await page.RunAndWaitForDownloadAsync(() => run.GetByRole(AriaRole.Button).ClickAsync());
        Assert.EndsWith(".csv", file.SuggestedFilename, StringComparison.Ordinal);
        Assert.True(new FileInfo(await file.PathAsync()).Length > 0);
    }

    [Fact]
    public async Task A_template_is_edited_and_deleted()
    {
        var tenant = await console.NewTenantAsync();
        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();

        var weekly = page.Locator("#templates tbody tr[data-template=weekly-user-growth]");
        var name = (await weekly.Locator("td").First.TextContentAsync())!;
        await weekly.GetByRole(AriaRole.Button, new() { Name = $"Edit: {name}" }).ClickAsync();
        await page.GetByLabel("Active (runs on its schedule)").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save template" }).ClickAsync();
        await Expect(weekly.Locator("td").Nth(5)).ToHaveTextAsync("no");
        var saved = await tenant.GetAsync("api/reports/templates/weekly-user-growth");
        Assert.False((bool)saved["isActive"]!);

        await weekly.GetByRole(AriaRole.Button, new() { Name = $"Delete: {name}" }).ClickAsync();
        await Expect(weekly).ToHaveCountAsync(0);
        await Expect(page.Locator("#templates tbody tr")).ToHaveCountAsync(3);
    }
}
