using Activity.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AdminTests(ConsoleSilo console)
{
    [Fact]
    public async Task The_cluster_view_lists_the_silos_and_their_activations()
    {
        await using var context = await console.NewContextAsync();
        var page = await Pages.SignInAsync(context, SiloFactory.TestAdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Cluster" }).ClickAsync();

        await Expect(page.Locator("#silos tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#silos tbody tr").First).ToContainTextAsync("Active");
        await Expect(page.Locator("#activations tbody th", new() { HasText = "TenantGrain" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the Orleans Dashboard" })).ToHaveAttributeAsync("href", "/dashboard/");
    }

    [Fact]
    public async Task Settings_show_the_API_errors_save_and_rotate_the_key_after_a_confirmation()
    {
        var tenant = await console.NewTenantAsync();
        await using var context = await console.NewContextAsync();
        var page = await Pages.SignInAsync(context, SiloFactory.TestAdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Show {tenant.Name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();

        // The browser's own check is bypassed so the API's answer shows.
        var retention = page.GetByLabel("Keep raw events for (days)");
        await Expect(retention).ToHaveValueAsync("90");
        await retention.EvaluateAsync("input => { input.removeAttribute('min'); input.value = '0'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("retentionDays");

        await retention.FillAsync("30");
        await page.GetByLabel("Allowed origins").FillAsync("https://app.example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved.")).ToBeVisibleAsync();
        var saved = (await console.Admin().GetFromJsonArrayAsync("api/admin/tenants")).Single(t => (string)t!["id"]! == tenant.Id)!;
        Assert.Equal(30, (int)saved["retentionDays"]!);
        Assert.Equal("https://app.example.com", (string)saved["allowedOrigins"]![0]!);

        await page.GetByLabel("Bursts: many events of one type within 24 hours").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save milestones" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("type");

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate the key…" }).ClickAsync();
        await page.GetByLabel($"Type {tenant.Name} to confirm").FillAsync(tenant.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate the key", Exact = true }).ClickAsync();
        await Expect(page.GetByText("The key was rotated.")).ToBeVisibleAsync();
        using var old = tenant.Http();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await old.GetAsync("api/stats")).StatusCode);
    }
}
