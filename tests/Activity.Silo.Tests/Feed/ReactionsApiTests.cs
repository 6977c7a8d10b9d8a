using System.Net;
using System.Text.Json.Nodes;

namespace Activity.Silo.Tests.Feed;

public sealed class ReactionsApiTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Fact]
    public async Task A_reaction_answers_ok_with_the_counts_and_is_announced()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var tile = await tenant.EmitAppliedAsync("badge_earned", "author");
        await using var stream = await tenant.StreamAsync();

        var response = await tenant.PostAsync("/api/activity/reactions", new { eventId = tile, userId = "fan", reactionType = "hype" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True((bool)body["ok"]!);
        Assert.Equal(1, (int)body["counts"]!["hype"]!);
        var frame = await stream.NextEventAsync();
        Assert.Equal("activity.reaction.updated", frame.Event);
        Assert.Equal(1, (int)frame.Json["counts"]!["hype"]!);
        Assert.Equal(1, (int)(await tenant.TilesAsync())[0]!["reactions"]!["hype"]!);
    }

    [Fact]
    public async Task The_same_reaction_twice_counts_once()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var tile = await tenant.EmitAppliedAsync("badge_earned", "author");

        await tenant.PostAsync("/api/activity/reactions", new { eventId = tile, userId = "fan", reactionType = "respect" });
        var again = await tenant.PostAsync("/api/activity/reactions", new { eventId = tile, userId = "fan", reactionType = "respect" });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (int)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["counts"]!["respect"]!);
    }

    [Fact]
    public async Task Reacting_to_ones_own_activity_is_forbidden()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var tile = await tenant.EmitAppliedAsync("badge_earned", "author");

        var response = await tenant.PostAsync("/api/activity/reactions", new { eventId = tile, userId = "author", reactionType = "tribute" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_eleventh_reaction_in_an_hour_is_refused_with_retry_after()
    {
        await using var silo = await ClockedSilo.StartAsync();
        var tenant = await silo.CreateTenantAsync();
        var tiles = await tenant.EmitAsync(Enumerable.Range(0, 11).Select(i => (object)new { type = $"type{i}", actorId = "author" }).ToArray());
        await tenant.DrainAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsync("/api/activity/reactions", new { eventId = tiles[i], userId = "fan", reactionType = "hype" })).StatusCode);
        }

        silo.Time.Advance(TimeSpan.FromMinutes(20));
        var response = await tenant.PostAsync("/api/activity/reactions", new { eventId = tiles[10], userId = "fan", reactionType = "hype" });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("2400", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await tenant.PostAsync("/api/activity/reactions", new { eventId = tiles[10], userId = "someone-else", reactionType = "hype" })).StatusCode);
    }

    [Fact]
    public async Task A_reaction_to_an_unknown_event_is_not_found()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.PostAsync("/api/activity/reactions", new { eventId = Guid.CreateVersion7(), userId = "fan", reactionType = "hype" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"eventId":"not-a-uuid","userId":"fan","reactionType":"hype"}""", "eventId")]
    [InlineData("""{"eventId":"0195f0c8-0000-7000-8000-000000000000","userId":"fan","reactionType":"love"}""", "hype, respect or tribute")]
    [InlineData("""{"eventId":"0195f0c8-0000-7000-8000-000000000000","reactionType":"hype"}""", "userId")]
    [InlineData("""{"eventId":"0195f0c8-0000-7000-8000-000000000000","userId":"fan","reactionType":"hype","weight":2}""", "'weight'")]
    public async Task A_malformed_reaction_is_refused_naming_the_field(string body, string message)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.PostAsync("/api/activity/reactions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }
}
