using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Silo.Tests.Feed;

/// <summary>A tenant's view of a test silo over HTTP: create the tenant, then emit, drain, read, stream.</summary>
internal sealed class FeedClient(SiloFactory silo, string tenantId, string apiKey)
{
    public string TenantId => tenantId;

    public string ApiKey => apiKey;

    /// <summary>Creates a tenant through the admin API and returns its client.</summary>
    public static async Task<FeedClient> CreateAsync(SiloFactory silo, string? name = null)
    {
        var admin = silo.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/admin/tenants", new { name = name ?? $"tenant-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return new FeedClient(silo, (string)created["id"]!, (string)created["apiKey"]!);
    }

    public HttpClient Http()
    {
        var client = silo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Http().PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Http().PostAsJsonAsync(path, body);

    /// <summary>Emits events (anonymous objects), asserts 202, and returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> EmitAsync(params object[] events)
    {
        var response = await PostAsync("/api/activity/emit", events);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonSerializer.Deserialize<EmitResult>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!.Ids;
    }

    /// <summary>Emits one event and waits until the feed has applied it.</summary>
    public async Task<Guid> EmitAppliedAsync(string type, string actor = "u1", object? payload = null)
    {
        var id = (await EmitAsync(new { type, actorId = actor, payload }))[0];
        await DrainAsync();
        return id;
    }

    /// <summary>Applies every event emitted so far (POST /api/activity/drain for this tenant).</summary>
    public async Task<int> DrainAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/activity/drain?tenantId={tenantId}");
        request.Headers.Add("x-drain-secret", SiloFactory.TestDrainSecret);
        var response = await silo.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["applied"]!;
    }

    /// <summary>Mints a user token for <paramref name="userId"/> (POST /api/activity/tokens), asserting 200.</summary>
    public async Task<string> TokenAsync(string userId = "ann")
    {
        var response = await PostAsync("/api/activity/tokens", new { userId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!;
    }

    /// <summary>GET /api/activity/events, asserting 200.</summary>
    public async Task<JsonNode> ListAsync(string query = "")
    {
        var response = await Http().GetAsync($"/api/activity/events{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The feed's tiles, newest first (first page of 50).</summary>
    public async Task<JsonArray> TilesAsync() => (await ListAsync("?limit=50"))["events"]!.AsArray();

    public Task<SseStream> StreamAsync(long? lastEventId = null, bool lastEventIdInQuery = false) =>
        SseStream.OpenAsync(silo.CreateClient(), apiKey, lastEventId, lastEventIdInQuery);

    private sealed record EmitResult(IReadOnlyList<Guid> Ids);
}
