using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Activity.Browser.Tests;

/// <summary>
/// Every page of the console at a desktop width, at 360 px and in dark: axe finds no serious or critical
/// violation, and a screenshot of each is kept (bin/.../screenshots; with ACTIVITY_README_IMAGES=1 also
/// docs/images, which the README shows).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleSilo console)
{
    public static TheoryData<string> Views() => [.. ConsoleViews.All];

    [Theory]
    [MemberData(nameof(Views))]
    public async Task A_page_has_no_serious_accessibility_violations_wide_narrow_or_dark(string name)
    {
        await using var context = await console.NewContextAsync();
        var page = await ConsoleViews.OpenAsync(console, context, name);
        var serious = new List<string>();

        await CheckAsync(page, $"{name}-1280", serious);
        await page.SetViewportSizeAsync(360, 780);
        await CheckAsync(page, $"{name}-360", serious);
        await page.SetViewportSizeAsync(1280, 900);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await CheckAsync(page, $"{name}-1280-dark", serious);

        Assert.Empty(serious);
    }

    private static async Task CheckAsync(IPage page, string view, List<string> serious)
    {
        var results = await page.RunAxe();
        serious.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{view}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        await Screenshots.SaveAsync(page, view);
    }
}
