using System.Net;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Feed;

namespace Activity.Silo.Tests.Auth;

public sealed class RotationTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Fact]
    public async Task Rotating_the_key_ends_the_streams_of_the_old_key_and_its_tokens_and_only_the_tenants()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var other = await FeedClient.CreateAsync(fixture.Silo);
        var token = await tenant.TokenAsync();
        await using var byKey = await tenant.StreamAsync();
        await using var byToken = await SseStream.OpenAsync(fixture.Silo.CreateClient(), token, lastEventId: null, inQuery: false);
        await using var othersStream = await other.StreamAsync();
        await byKey.NextAsync();
        await byToken.NextAsync();
        await othersStream.NextAsync();

        using var admin = fixture.Silo.CreateAdminClient();
        var rotated = await admin.PostAsync($"/api/admin/tenants/{tenant.TenantId}/rotate-key", null);
        var fresh = (string)JsonNode.Parse(await rotated.Content.ReadAsStringAsync())!["apiKey"]!;

        // The rotation answers once every silo has been told; by then the streams are ending.
        await Assert.ThrowsAsync<EndOfStreamException>(() => byKey.NextAsync());
        await Assert.ThrowsAsync<EndOfStreamException>(() => byToken.NextAsync());
        var reconnect = await fixture.Silo.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/activity/stream") { Headers = { { "Authorization", $"Bearer {tenant.ApiKey}" } } }, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, reconnect.StatusCode);
        await using var withNewKey = await SseStream.OpenAsync(fixture.Silo.CreateClient(), fresh, lastEventId: null, inQuery: false);

        // The other tenant's stream goes on: its next change still arrives.
        await other.EmitAppliedAsync("badge.earned");
        Assert.Equal("activity.event.created", (await othersStream.NextEventAsync()).Event);
    }
}
