using Activity.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Activity.Browser.Tests;

/// <summary>
/// One embedded silo on a real port, in demo mode (history only, no live events, so pages hold still),
/// and one Chromium, shared by every browser test: each test makes its own tenant and browser context.
/// </summary>
public sealed class ConsoleSilo : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The silo.</summary>
    public SiloFactory Silo { get; } = SiloFactory.Embedded(kestrel: true, settings: new Dictionary<string, string?>
    {
        ["Activity:Demo:Enabled"] = "true",
        ["Activity:Demo:EventsPerSecond"] = "0",
    });

    /// <summary>The silo's address, ending in '/'.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Debian's Chromium, headless.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Expectations wait for the page (they are awaited signals, not sleeps); on two cores that other
        // suites keep busy, a page can take longer than Playwright's default 5 s to show what it got.
        Assertions.SetDefaultExpectTimeout(15_000);
        Silo.StartServer();
        var address = Silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.TrimEnd('/') + "/");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
    }

    /// <summary>The demo tenant's one-click sign-in link, once the demo has back-filled its history.</summary>
    public async Task<string> DemoLinkAsync()
    {
        var line = await Poll.UntilAsync(
            () => Task.FromResult(Silo.Logs.Lines.FirstOrDefault(l => l.Contains("#signin=", StringComparison.Ordinal)) ?? ""),
            found => found.Length > 0, TimeSpan.FromSeconds(60), "the demo's sign-in link in the log");
        var link = line[line.IndexOf("http", StringComparison.Ordinal)..].Trim();
        return new Uri(link).PathAndQuery.TrimStart('/') + new Uri(link).Fragment;
    }

    /// <summary>An HTTP client of the silo with the admin key.</summary>
    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", SiloFactory.TestAdminKey);
        return client;
    }

    /// <summary>A new tenant, with its key.</summary>
    public Task<TenantApi> NewTenantAsync(string? name = null) => TenantApi.CreateAsync(this, name ?? $"t{Guid.NewGuid():N}"[..16]);

    /// <summary>A browser context of its own (cookies, session storage), at the console's size and colour scheme.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light, Uri? address = null) =>
        Browser.NewContextAsync(new()
        {
            BaseURL = (address ?? Address).ToString(),
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = scheme,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Silo.DisposeAsync();
    }
}

/// <summary>The browser tests share one silo and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleSilo>
{
    public const string Name = "console";
}
