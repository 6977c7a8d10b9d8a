using System.Net;
using System.Text.RegularExpressions;
using Activity.Silo.Console;

namespace Activity.Silo.Tests.Console;

public sealed partial class ConsoleTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/console")]
    [InlineData("/console/")]
    public async Task People_who_open_the_silo_land_on_the_console(string path)
    {
        using var client = fixture.Silo.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ConsoleApi.Page, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_page_is_public_revalidated_and_runs_no_inline_script()
    {
        using var client = fixture.Silo.CreateClient();

        var response = await client.GetAsync(ConsoleApi.Page);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ConsoleHeaders.Policy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", ConsoleHeaders.Policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", ConsoleHeaders.Policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var scripts = Script().Matches(html);
        Assert.Equal(2, scripts.Count);
        Assert.All(scripts, script => Assert.Matches(@"src=""console/[\w/.-]+\.[a-z0-9]{10}\.(min\.js|mjs)""", script.Value));
        Assert.DoesNotContain("#[.{fingerprint}]", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fingerprinted_files_are_cached_for_good()
    {
        using var client = fixture.Silo.CreateClient();
        var html = await client.GetStringAsync(ConsoleApi.Page);
        var app = AppScript().Match(html).Groups["src"].Value;

        var response = await client.GetAsync($"/{app}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), response.Headers.CacheControl?.ToString());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/console/nothing-here.js")]
    [InlineData("/appsettings.json")]
    [InlineData("/console/../appsettings.json")]
    public async Task Only_the_console_s_own_files_are_served(string path)
    {
        using var client = fixture.Silo.CreateClient();

        var response = await client.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex Script();

    [GeneratedRegex(@"<script type=""module"" src=""(?<src>[^""]+)""")]
    private static partial Regex AppScript();
}
