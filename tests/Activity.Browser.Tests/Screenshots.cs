using Activity.Testing;
using Microsoft.Playwright;

namespace Activity.Browser.Tests;

/// <summary>Keeps screenshots of the console: always beside the tests' output, and in docs/images when ACTIVITY_README_IMAGES=1.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false, Animations = ScreenshotAnimations.Disabled });
        if (Environment.GetEnvironmentVariable("ACTIVITY_README_IMAGES") == "1")
        {
            var images = Path.Combine(SiloBuild.Root, "docs", "images");
            Directory.CreateDirectory(images);
            File.Copy(path, Path.Combine(images, $"console-{name}.png"), overwrite: true);
        }
    }
}
