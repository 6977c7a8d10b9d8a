using Activity.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class FeedTests(ConsoleSilo console)
{
    [Fact]
    public async Task An_emitted_event_appears_without_reload_and_the_third_of_a_kind_turns_into_a_group()
    {
        var tenant = await console.NewTenantAsync();
        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        await Expect(page.GetByText("No events yet")).ToBeVisibleAsync();

        await tenant.EmitAsync(new { type = "badge_earned", actorId = "ada", payload = new { badgeName = "Bug Hunter", xp = 50 } });
        await Expect(Pages.Tile(page, "Badge earned: Bug Hunter (+50 XP)")).ToBeVisibleAsync();
        await Expect(Pages.Tiles(page)).ToHaveCountAsync(1);

        await tenant.EmitAsync(
            new { type = "badge_earned", actorId = "grace", payload = new { badgeName = "Night Owl" } },
            new { type = "badge_earned", actorId = "linus", payload = new { badgeName = "First steps" } });

        var group = Pages.Tile(page, "3 badges earned by 3 people");
        await Expect(group).ToBeVisibleAsync();
        await Expect(group.Locator(".tile-count")).ToHaveTextAsync("× 3");
        await Expect(Pages.Tiles(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_reaction_and_a_comment_made_in_one_browser_show_in_another()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync(new { type = "deployment", actorId = "ken", payload = new { projectName = "api", environment = "production" } });
        await using var first = await console.NewContextAsync();
        await using var second = await console.NewContextAsync();
        var ann = await Pages.OpenFeedAsync(first, tenant);
        var bob = await Pages.SignInAsync(second, tenant.ApiKey, "bob");
        await Expect(Pages.LiveStatus(bob)).ToHaveAttributeAsync("data-state", "live");

        var annTile = Pages.Tile(ann, "Deployed api to production");
        var bobTile = Pages.Tile(bob, "Deployed api to production");
        await annTile.GetByRole(AriaRole.Button, new() { Name = "Hype: 0" }).ClickAsync();
        await Expect(bobTile.GetByRole(AriaRole.Button, new() { Name = "Hype: 1" })).ToBeVisibleAsync();

        await bobTile.GetByRole(AriaRole.Button, new() { Name = "Comments" }).ClickAsync();
        await annTile.GetByRole(AriaRole.Button, new() { Name = "Comments" }).ClickAsync();
        await annTile.GetByLabel("Write a comment").FillAsync("Shipped! <b>not bold</b>");
        await annTile.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();

        var comment = bobTile.Locator(".comments li");
        await Expect(comment).ToContainTextAsync("console Shipped! <b>not bold</b>");
        await Expect(bobTile.Locator(".comments b")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_dropped_stream_resumes_without_a_missing_tile()
    {
        // The browser reaches the silo through a relay that can cut its connections.
        var tenant = await console.NewTenantAsync();
        await using var relay = new TcpRelay(console.Address);
        await using var context = await console.NewContextAsync(address: relay.Address);
        var page = await Pages.OpenFeedAsync(context, tenant);
        await tenant.EmitAsync(new { type = "view", actorId = "u1", payload = new { itemTitle = "Before the drop" } });
        await Expect(Pages.Tile(page, "Viewed Before the drop")).ToBeVisibleAsync();

        relay.Cut();
        await Expect(Pages.LiveStatus(page)).ToHaveAttributeAsync("data-state", "reconnecting");
        await tenant.EmitAsync(
            new { type = "SIGN_UP", actorId = "u2", payload = new { name = "Radia" } },
            new { type = "vote", actorId = "u3", payload = new { itemTitle = "While away" } });
        relay.Restore();

        // The browser retries after the stream's retry time (3 s), sending the last id it saw.
        await Expect(Pages.LiveStatus(page)).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 15_000 });
        await Expect(Pages.Tile(page, "Joined as Radia")).ToBeVisibleAsync();
        await Expect(Pages.Tile(page, "Voted on While away")).ToBeVisibleAsync();
        await Expect(Pages.Tiles(page)).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task Older_tiles_load_with_the_cursor()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync([.. Enumerable.Range(1, 25).Select(i => (object)new { type = $"custom_{i}", actorId = "u1" })]);
        await tenant.DrainAsync();
        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);

        await Expect(Pages.Tiles(page)).ToHaveCountAsync(20);
        await page.GetByRole(AriaRole.Button, new() { Name = "Older events" }).ClickAsync();
        await Expect(Pages.Tiles(page)).ToHaveCountAsync(25);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older events" })).ToBeHiddenAsync();
    }
}
