using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class KeyboardTests(ConsoleSilo console)
{
    [Fact]
    public async Task The_console_is_usable_from_the_keyboard()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync(new { type = "deployment", actorId = "ken", payload = new { projectName = "api" } });
        await using var context = await console.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // The key field has the focus; Enter signs in.
        await Expect(page.GetByLabel("Key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(tenant.ApiKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(Pages.LiveStatus(page)).ToHaveAttributeAsync("data-state", "live");

        // Each page puts the focus on its content; the skip link comes before everything else and moves the
        // focus back to the content (without leaving the page).
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Locator(".brand").FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live feed" })).ToBeVisibleAsync();

        // Tab reaches a reaction button; Space presses it.
        var hype = Pages.Tile(page, "Deployed api").GetByRole(AriaRole.Button, new() { Name = "Hype: 0" });
        for (var i = 0; i < 10 && !await hype.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(hype).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(Pages.Tile(page, "Deployed api").GetByRole(AriaRole.Button, new() { Name = "Hype: 1" })).ToBeVisibleAsync();

        // The navigation is links: Tab to one, Enter follows it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Statistics" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statistics" })).ToBeVisibleAsync();
    }
}
