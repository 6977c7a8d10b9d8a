using Microsoft.Playwright;

namespace Activity.Testing;

/// <summary>
/// Debian's Chromium (tests/run.sh installs it): Playwright's own browser download cannot run here, so the
/// tests point Playwright at the installed browser. ACTIVITY_CHROMIUM names another executable.
/// </summary>
public static class Chromium
{
    /// <summary>The browser's executable.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("ACTIVITY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Headless, no sandbox (tests may run as root), nothing phoning home.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = File.Exists(Executable) ? Executable : throw new FileNotFoundException($"Chromium is not at {Executable}; `apt-get install chromium` (tests/run.sh does), or set ACTIVITY_CHROMIUM.", Executable),
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    };
}
