using Activity.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Activity.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleSilo console)
{
    [Fact]
    public async Task A_tenant_key_signs_in_and_stays_in_the_tab_only()
    {
        var tenant = await console.NewTenantAsync();
        await using var context = await console.NewContextAsync();
        var requested = new System.Collections.Concurrent.ConcurrentQueue<string>();
        context.Request += (_, request) => requested.Enqueue(request.Url);
        var page = await Pages.SignInAsync(context, tenant.ApiKey);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live feed" })).ToBeVisibleAsync();
        await Expect(Pages.LiveStatus(page)).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#who")).ToContainTextAsync(tenant.Id);
        Assert.Contains(tenant.ApiKey, await page.EvaluateAsync<string>("JSON.stringify(sessionStorage)"));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));

        // The stream runs on a user token, not the key.
        var streams = requested.Where(url => url.Contains("/api/activity/stream", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(streams);
        Assert.All(streams, url => Assert.DoesNotContain(tenant.ApiKey, url));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the Activity console" })).ToBeVisibleAsync();
        Assert.DoesNotContain(tenant.ApiKey, await page.EvaluateAsync<string>("JSON.stringify(sessionStorage)"));
    }

    [Fact]
    public async Task A_wrong_key_shows_what_the_API_said()
    {
        await using var context = await console.NewContextAsync();
        var page = await Pages.SignInAsync(context, "act_" + new string('x', 43));

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Could not sign in");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("API key");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('activity.console.session')"));
    }

    [Fact]
    public async Task A_sign_in_link_leaves_no_key_in_the_address_and_a_bad_one_says_why()
    {
        var tenant = await console.NewTenantAsync();
        await using var context = await console.NewContextAsync();
        var page = await Pages.OpenFeedAsync(context, tenant);
        Assert.DoesNotContain(tenant.ApiKey, page.Url, StringComparison.Ordinal);

        // The link's entry was replaced, not followed by another: one step back is the blank tab.
        await page.GoBackAsync();
        Assert.Equal("about:blank", page.Url);

        var stale = await context.NewPageAsync();
        await stale.GotoAsync("console/index.html#signin=act_" + new string('y', 43));
        await Expect(stale.GetByRole(AriaRole.Alert)).ToContainTextAsync("Could not sign in with the link");
        Assert.DoesNotContain("act_", stale.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_picks_the_tenant_to_show()
    {
        var tenant = await console.NewTenantAsync();
        await tenant.EmitAsync(new { type = "project_created", actorId = "u1", payload = new { projectName = "Apollo" } });
        await using var context = await console.NewContextAsync();
        var page = await Pages.SignInAsync(context, SiloFactory.TestAdminKey);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenants" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Show {tenant.Name}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live feed" })).ToBeVisibleAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync($"Admin · {tenant.Name}");
        await Expect(Pages.Tile(page, "Created project Apollo")).ToBeVisibleAsync();
        await Expect(Pages.LiveStatus(page)).ToHaveAttributeAsync("data-state", "live");
    }
}
