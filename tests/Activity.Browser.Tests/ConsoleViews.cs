using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

/// <summary>Each page of the console, opened on the demo tenant (a month of history) and waited for until it shows its data.</summary>
public static class ConsoleViews
{
    public static IReadOnlyList<string> All { get; } = ["signin", "feed", "dashboards", "stats", "tenants"];

    public static async Task<IPage> OpenAsync(ConsoleSilo console, IBrowserContext context, string name)
    {
        var page = await context.NewPageAsync();
        switch (name)
        {
            case "signin":
                await page.GotoAsync("/");
                await Expect(page.GetByLabel("Key")).ToBeVisibleAsync();
                break;
            case "tenants":
                await page.GotoAsync("/");
                await page.GetByLabel("Key").FillAsync(Activity.Testing.SiloFactory.TestAdminKey);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show demo" })).ToBeVisibleAsync();
                break;
            default:
                await page.GotoAsync(await console.DemoLinkAsync());
                await Expect(Pages.LiveStatus(page)).ToHaveAttributeAsync("data-state", "live");
                await Expect(Pages.Tiles(page).First).ToBeVisibleAsync();
                if (name == "dashboards")
                {
                    await page.GotoAsync("console/index.html#/dashboards?user=ada");
                    await Expect(page.Locator("#chart-weekly canvas")).ToBeVisibleAsync();
                    await Expect(page.Locator("#top-items")).ToBeVisibleAsync();
                }
                else if (name == "stats")
                {
                    await page.GotoAsync("console/index.html#/stats");
                    await Expect(page.Locator("[data-section=newsletter]")).ToBeVisibleAsync();
                }

                break;
        }

        return page;
    }
}
