using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Activity.Silo.Tests.Feed;

public sealed class CommentsApiTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Fact]
    public async Task Comments_are_posted_announced_and_listed_oldest_first()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var tile = await tenant.EmitAppliedAsync("post_create", "author");
        await using var stream = await tenant.StreamAsync();

        var first = await tenant.PostAsync("/api/activity/comments", new { eventId = tile, userId = "reader", body = "First!" });
        await tenant.PostAsync("/api/activity/comments", new { eventId = tile, userId = "author", body = "Thanks" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var frame = await stream.NextEventAsync();
        Assert.Equal(("activity.comment.created", "First!"), (frame.Event, (string?)frame.Json["body"]));
        var comments = (await tenant.Http().GetFromJsonAsync<JsonArray>($"/api/activity/comments?eventId={tile}"))!;
        Assert.Equal(["First!", "Thanks"], comments.Select(c => (string?)c!["body"]));
        Assert.Equal(["reader", "author"], comments.Select(c => (string?)c!["userId"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task A_comment_must_have_1_to_500_characters(int length)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var tile = await tenant.EmitAppliedAsync("post_create", "author");

        var response = await tenant.PostAsync("/api/activity/comments", new { eventId = tile, userId = "reader", body = new string('x', length) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_comment_of_exactly_500_characters_is_taken()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var tile = await tenant.EmitAppliedAsync("post_create", "author");

        var response = await tenant.PostAsync("/api/activity/comments", new { eventId = tile, userId = "reader", body = new string('x', 500) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Comments_of_an_unknown_event_are_not_found()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var unknown = Guid.CreateVersion7();

        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Http().GetAsync($"/api/activity/comments?eventId={unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.PostAsync("/api/activity/comments", new { eventId = unknown, userId = "u", body = "hi" })).StatusCode);
    }

    [Fact]
    public async Task Listing_comments_needs_an_event_id()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.Http().GetAsync("/api/activity/comments?eventId=nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("eventId", await response.Content.ReadAsStringAsync());
    }
}
