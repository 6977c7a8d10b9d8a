using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Cluster.Tests;

/// <summary>A tenant's requests to whichever silo a test names.</summary>
internal sealed class TenantHttp(string id, string apiKey)
{
    public string Id => id;

    public string ApiKey => apiKey;

    public static async Task<TenantHttp> CreateAsync(SiloProcess silo)
    {
        var (tenantId, key) = await ProcessCluster.CreateTenantAsync(silo);
        return new TenantHttp(tenantId, key);
    }

    /// <summary>Emits one event through <paramref name="silo"/>; its id.</summary>
    public async Task<Guid> EmitAsync(SiloProcess silo, string type, string actor = "u1")
    {
        using var http = Http(silo, apiKey);
        var response = await http.PostAsJsonAsync("/api/activity/emit", new { type, actorId = actor });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (Guid)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ids"]![0]!;
    }

    /// <summary>
    /// A call only the tenant's feed grain answers (a reaction to an event it does not have: 404), so
    /// an answer means the grain is active and reachable from <paramref name="silo"/>.
    /// </summary>
    public async Task<HttpStatusCode> ProbeFeedAsync(SiloProcess silo, TimeSpan timeout)
    {
        using var http = Http(silo, apiKey);
        http.Timeout = timeout;
        var response = await http.PostAsJsonAsync("/api/activity/reactions", new { eventId = Guid.CreateVersion7(), userId = "probe", reactionType = "hype" });
        return response.StatusCode;
    }

    /// <summary>GET /api/activity/events with <paramref name="key"/> (the tenant's own by default).</summary>
    public async Task<HttpStatusCode> ListStatusAsync(SiloProcess silo, string? key = null)
    {
        using var http = Http(silo, key ?? apiKey);
        return (await http.GetAsync("/api/activity/events")).StatusCode;
    }

    public static HttpClient Http(SiloProcess silo, string key)
    {
        var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
