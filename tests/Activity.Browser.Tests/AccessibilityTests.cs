using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Activity.Browser.Tests;

/// <summary>
/// Every page of the console, in light and dark, at a desktop width and at 360 px: axe finds no serious or
/// critical violation, and a screenshot of each is kept (bin/.../screenshots; with ACTIVITY_README_IMAGES=1
/// also docs/images, which the README shows).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleSilo console)
{
    public static TheoryData<string, int, ColorScheme> Views()
    {
        var views = new TheoryData<string, int, ColorScheme>();
        foreach (var page in ConsoleViews.All)
        {
            views.Add(page, 1280, ColorScheme.Light);
            views.Add(page, 360, ColorScheme.Light);
            views.Add(page, 1280, ColorScheme.Dark);
        }

        return views;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task A_page_has_no_serious_accessibility_violations(string name, int width, ColorScheme scheme)
    {
        await using var context = await console.NewContextAsync(width, width < 600 ? 780 : 900, scheme);
        var page = await ConsoleViews.OpenAsync(console, context, name);

        var results = await page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.Empty(serious);
        await Screenshots.SaveAsync(page, $"{name}-{width}{(scheme == ColorScheme.Dark ? "-dark" : "")}");
    }
}
