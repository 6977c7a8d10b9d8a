using System.Globalization;
using System.Net.Http.Headers;
using Activity.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Cluster.Tests;

/// <summary>
/// The console through nginx in front of three silo processes, in real Chromium: the admin signs in and
/// picks a tenant, the live feed follows emits, the silo holding the page's stream is killed and the page
/// resumes on another without a missing tile, and the cluster view lists the silos and sees the dead one.
/// </summary>
public sealed class ConsoleTests : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;
    private NginxProcess _nginx = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        _cluster = await ProcessCluster.StartAsync(silos: 3);
        _nginx = await NginxProcess.StartAsync(_cluster.Silos);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _nginx.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Through_nginx_the_feed_follows_a_killed_silo_s_stream_to_another_and_the_cluster_view_sees_it()
    {
        var tenant = await TenantHttp.CreateAsync(_cluster.Silos[0]);
        await using var context = await _browser.NewContextAsync(new() { BaseURL = _nginx.BaseAddress.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Key").FillAsync(SiloFactory.TestAdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("tr", new() { HasText = tenant.Id }).GetByRole(AriaRole.Button).ClickAsync();
        var status = page.Locator(".live-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "live");

        await tenant.EmitAsync(_cluster.Silos[0], "deployment", "ken");
        var tiles = page.Locator("ol.tiles > li.tile");
        await Expect(tiles).ToHaveCountAsync(1);

        var holder = await StreamHolderAsync();
        await holder.KillAsync();
        var survivor = _cluster.Silos.First(s => s != holder);
        await tenant.EmitAsync(survivor, "SIGN_UP", "ann");
        await tenant.EmitAsync(survivor, "submission", "bob");

        await Expect(tiles).ToHaveCountAsync(3);
        await Expect(status).ToHaveAttributeAsync("data-state", "live");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cluster" }).ClickAsync();
        var silos = page.Locator("#silos tbody tr");
        await Expect(silos.Filter(new() { HasText = "Active" })).ToHaveCountAsync(2);
        await Expect(silos.Filter(new() { HasText = "Dead" })).ToHaveCountAsync(1);
    }

    // The silo whose metrics count the page's SSE client.
    private async Task<SiloProcess> StreamHolderAsync()
    {
        foreach (var silo in _cluster.Silos)
        {
            using var http = new HttpClient { BaseAddress = silo.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloFactory.TestAdminKey);
            var metrics = await http.GetStringAsync("/metrics");
            var clients = metrics.Split('\n').Where(l => l.StartsWith("activity_sse_clients", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            if (clients > 0)
            {
                return silo;
            }
        }

        throw new InvalidOperationException("No silo counts the page's stream.");
    }
}
