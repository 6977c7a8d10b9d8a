using System.Globalization;
using Activity.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_section_that_cannot_be_read_shows_its_error_and_the_others_their_numbers()
    {
        // A silo on PostgreSQL, whose stored section state a test can damage.
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        await using var silo = SiloFactory.OnPostgres(database.ConnectionString, kestrel: true);
        silo.StartServer();
        var address = new Uri(silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        var tenant = await TenantApi.CreateAsync(console, $"s{Guid.NewGuid():N}"[..16], address);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" }, new { type = "submission", actorId = "ann" });
        await tenant.DrainAsync();
        await tenant.GetAsync("api/stats");
        await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(1, await database.ScalarAsync(
            "UPDATE orleans_storage SET payload = convert_to('{not json', 'UTF8') WHERE state_name = 'stats' AND key_string = @key RETURNING 1",
            ("key", $"{tenant.Id}/activity")));

        await using var context = await console.NewContextAsync(address: address);
        var page = await Pages.OpenFeedAsync(context, tenant);
        await page.GetByRole(AriaRole.Link, new() { Name = "Statistics" }).ClickAsync();

        await Expect(page.Locator("[data-section=activity]").GetByRole(AriaRole.Alert)).ToContainTextAsync("could not be read");
        await Expect(page.Locator("[data-section=activity] .stat-value")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-section=submissions] [data-stat=totalSubmissions] .stat-value")).ToHaveTextAsync("1");
    }
}
