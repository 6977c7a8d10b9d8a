using System.Net;
using System.Net.Http.Headers;
using Activity.Grains.Feed;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Silo.Tests.Feed;

public sealed class StreamApiTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Fact]
    public async Task The_stream_shows_tiles_created_then_grouped_with_an_id_on_every_message()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await using var stream = await tenant.StreamAsync();

        var first = await tenant.EmitAppliedAsync("vote", "u1");
        var second = await tenant.EmitAppliedAsync("vote", "u2");
        await tenant.EmitAppliedAsync("vote", "u3");

        var frames = new[] { await stream.NextEventAsync(), await stream.NextEventAsync(), await stream.NextEventAsync(), await stream.NextEventAsync() };
        Assert.Equal([1L, 2, 3, 4], frames.Select(f => f.Id!.Value));
        Assert.Equal([FeedChangeKinds.Created, FeedChangeKinds.Created, FeedChangeKinds.Updated, FeedChangeKinds.Removed], frames.Select(f => f.Event));
        Assert.Equal(first.ToString(), (string?)frames[2].Json["id"]);
        Assert.Equal(3, (int)frames[2].Json["count"]!);
        Assert.Equal(second.ToString(), (string?)frames[3].Json["id"]);
        Assert.Equal(first.ToString(), (string?)frames[3].Json["mergedInto"]);
    }

    [Fact]
    public async Task The_stream_says_how_it_must_be_proxied_and_cached()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        await using var stream = await tenant.StreamAsync();

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", stream.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no", stream.Response.Headers.GetValues("X-Accel-Buffering").Single());
        Assert.Equal(3000, (await stream.NextAsync()).Retry);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_resuming_with_its_last_event_id_gets_what_it_missed_then_live_changes(bool inQuery)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        await tenant.EmitAppliedAsync("vote", "u1");
        await tenant.EmitAppliedAsync("comment", "u1");
        await tenant.EmitAppliedAsync("deployment", "u1");

        await using var stream = await tenant.StreamAsync(lastEventId: 1, lastEventIdInQuery: inQuery);
        var missed = new[] { await stream.NextEventAsync(), await stream.NextEventAsync() };
        await tenant.EmitAppliedAsync("badge_earned", "u1");
        var live = await stream.NextEventAsync();

        Assert.Equal([2L, 3], missed.Select(f => f.Id!.Value));
        Assert.Equal(["comment", "deployment"], missed.Select(f => (string?)f.Json["eventType"]));
        Assert.Equal((4L, "badge_earned"), (live.Id!.Value, (string?)live.Json["eventType"]));
    }

    [Fact]
    public async Task A_browser_passes_its_key_as_access_token()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        using var response = await fixture.Silo.CreateClient().GetAsync($"/api/activity/stream?access_token={tenant.ApiKey}", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Only_the_stream_takes_the_key_from_the_query_string()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await fixture.Silo.CreateClient().GetAsync($"/api/activity/events?access_token={tenant.ApiKey}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_stream_needs_a_valid_key()
    {
        var response = await fixture.Silo.CreateClient().GetAsync("/api/activity/stream?access_token=act_wrong", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_last_event_id_that_is_not_a_number_is_refused()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/activity/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        request.Headers.Add("Last-Event-ID", "yesterday");

        var response = await fixture.Silo.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Last-Event-ID", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_idle_stream_sends_a_keepalive_comment_after_25_seconds()
    {
        await using var silo = await ClockedSilo.StartAsync();
        var tenant = await silo.CreateTenantAsync();
        await using var stream = await tenant.StreamAsync();
        Assert.Equal(3000, (await stream.NextAsync()).Retry);

        silo.Time.Advance(TimeSpan.FromSeconds(25));

        Assert.Equal("keepalive", (await stream.NextAsync()).Comment);
    }

    [Fact]
    public async Task A_client_resuming_after_its_changes_were_forgotten_is_told_to_reload()
    {
        await using var silo = await ClockedSilo.StartAsync();
        var tenant = await silo.CreateTenantAsync();
        await tenant.EmitAppliedAsync("vote", "u1");
        await tenant.EmitAppliedAsync("comment", "u1");
        silo.Time.Advance(TimeSpan.FromHours(25));
        await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IFeedSweepGrain>(0).SweepAsync();
        await tenant.EmitAppliedAsync("deployment", "u1");

        await using var stream = await tenant.StreamAsync(lastEventId: 1);

        var reset = await stream.NextEventAsync();
        Assert.Equal("activity.stream.reset", reset.Event);
        Assert.Equal(1, (long)reset.Json["lastEventId"]!);
        Assert.Equal(3, (await stream.NextEventAsync()).Id);
    }
}
