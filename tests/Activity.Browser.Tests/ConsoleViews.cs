using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

/// <summary>Each page of the console, opened on the demo tenant (a month of history) and waited for until it shows its data.</summary>
public static class ConsoleViews
{
    public static IReadOnlyList<string> All { get; } = ["signin", "feed", "dashboards", "stats", "audit", "analytics", "reports", "tenants", "cluster", "settings"];

    public static async Task<IPage> OpenAsync(ConsoleSilo console, IBrowserContext context, string name)
    {
        var page = await context.NewPageAsync();
        switch (name)
        {
            case "signin":
                await page.GotoAsync("/");
                await Expect(page.GetByLabel("Key")).ToBeVisibleAsync();
                break;
            case "tenants" or "cluster" or "settings":
                await page.GotoAsync("/");
                await page.GetByLabel("Key").FillAsync(Activity.Testing.SiloFactory.TestAdminKey);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show demo" })).ToBeVisibleAsync();
                if (name == "cluster")
                {
                    await page.GetByRole(AriaRole.Link, new() { Name = "Cluster" }).ClickAsync();
                    await Expect(page.Locator("#activations")).ToBeVisibleAsync();
                }
                else if (name == "settings")
                {
                    await page.GetByRole(AriaRole.Button, new() { Name = "Show demo" }).ClickAsync();
                    await Expect(Pages.LiveStatus(page)).ToHaveAttributeAsync("data-state", "live");
                    await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
                    await Expect(page.GetByLabel("Streaks: 7, 30 and 100 days in a row with activity")).ToBeCheckedAsync();
                }

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
                else if (name == "analytics")
                {
                    await page.GotoAsync("console/index.html#/analytics");
                    await Expect(page.Locator("#chart-trends canvas")).ToBeVisibleAsync();
                    await Expect(page.Locator("#jobs")).ToBeVisibleAsync();
                }
                else if (name == "reports")
                {
                    await page.GotoAsync("console/index.html#/reports");
                    await Expect(page.Locator("#templates")).ToBeVisibleAsync();
                    await Expect(page.Locator("#runs, #runs-empty").Or(page.GetByText("No runs yet"))).ToBeVisibleAsync();
                }
                else if (name == "audit")
                {
                    await page.GotoAsync("console/index.html#/audit");
                    await Expect(page.Locator("#chart-audit canvas")).ToBeVisibleAsync();
                    await Expect(page.Locator("table.entries tbody tr").First).ToBeVisibleAsync();
                }

                break;
        }

        return page;
    }
}
