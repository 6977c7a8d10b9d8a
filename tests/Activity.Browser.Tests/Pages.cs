using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

/// <summary>Steps the tests share: opening the console signed in, and finding things on its pages.</summary>
public static class Pages
{
    /// <summary>Opens the live feed signed in as <paramref name="tenant"/> with its one-click link, and waits until the stream is live.</summary>
    public static async Task<IPage> OpenFeedAsync(IBrowserContext context, TenantApi tenant)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(tenant.SignInLink);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live feed" })).ToBeVisibleAsync();
        await Expect(LiveStatus(page)).ToHaveAttributeAsync("data-state", "live");
        return page;
    }

    /// <summary>Signs in through the form.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string key, string? user = null)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Key").FillAsync(key);
        if (user is not null)
        {
            await page.GetByLabel("Act as user").FillAsync(user);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    public static ILocator LiveStatus(IPage page) => page.Locator(".live-status");

    public static ILocator Tiles(IPage page) => page.Locator("ol.tiles > li.tile");

    public static ILocator Tile(IPage page, string text) => Tiles(page).Filter(new() { HasText = text });
}
