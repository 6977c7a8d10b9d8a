using Activity.Testing;
using Microsoft.Playwright;

namespace Activity.Browser.Tests;

/// <summary>
/// Keeps screenshots of the console: all of them beside the tests' output (bin/.../screenshots), and with
/// ACTIVITY_README_IMAGES=1 the ones the README shows in docs/images.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static readonly HashSet<string> Readme =
        ["feed-1280", "feed-360", "dashboards-1280-dark", "analytics-1280", "audit-1280", "reports-1280", "cluster-1280"];

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false, Animations = ScreenshotAnimations.Disabled });
        if (Environment.GetEnvironmentVariable("ACTIVITY_README_IMAGES") == "1" && Readme.Contains(name))
        {
            var images = Path.Combine(SiloBuild.Root, "docs", "images");
            Directory.CreateDirectory(images);
            File.Copy(path, Path.Combine(images, $"console-{name}.png"), overwrite: true);
        }
    }
}
