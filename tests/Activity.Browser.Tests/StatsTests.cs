using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class StatsTests(ConsoleSilo console)
{
    [Fact]
    public async Task The_four_sections_show_the_numbers_the_API_gives()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync(
            new { type = "SIGN_UP", actorId = "ann" },
            new { type = "SIGN_UP", actorId = "bob" },
            new { type = "submission", actorId = "ann", itemId = "p1", itemOwnerId = "ann" },
            new { type = "vote", actorId = "bob", itemId = "p1", itemOwnerId = "ann" },
            new { type = "view", actorId = "cid", itemId = "p1", itemOwnerId = "ann" },
            new { type = "newsletter_subscribed", actorId = "cid" });
        await tenant.DrainAsync();
        var stats = await tenant.GetAsync("api/stats");
        Assert.Empty(stats["errors"]!.AsArray());

        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Statistics" }).ClickAsync();

        foreach (var section in (string[])["users", "submissions", "activity", "newsletter"])
        {
            foreach (var (name, value) in stats[section]!.AsObject())
            {
                await Expect(page.Locator($"[data-section={section}] [data-stat={name}] .stat-value"))
                    .ToHaveTextAsync(((long)value!).ToString("N0", CultureInfo.InvariantCulture));
            }
        }

        await Expect(page.Locator("[data-section=users] [data-stat=registeredUsers] .stat-value")).ToHaveTextAsync("2");
    }
}
