using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Browser.Tests;

/// <summary>A tenant of the test silo, called over HTTP as its servers would.</summary>
public sealed class TenantApi(Uri address, string id, string name, string apiKey)
{
    public string Id => id;

    public string Name => name;

    public string ApiKey => apiKey;

    /// <summary>Creates a tenant on the console's silo, or on the silo at <paramref name="address"/>.</summary>
    public static async Task<TenantApi> CreateAsync(ConsoleSilo silo, string name, Uri? address = null)
    {
        address ??= silo.Address;
        using var admin = new HttpClient { BaseAddress = address };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", SiloFactory.TestAdminKey);
        var response = await admin.PostAsJsonAsync("api/admin/tenants", new { name });
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new TenantApi(address, (string)created["id"]!, name, (string)created["apiKey"]!);
    }

    public HttpClient Http()
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return client;
    }

    /// <summary>Emits events (anonymous objects in the API's shape); they are durable when this returns.</summary>
    public async Task EmitAsync(params object[] events)
    {
        using var http = Http();
        var response = await http.PostAsJsonAsync("api/activity/emit", events);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Applies everything emitted to the feed, dashboards and statistics.</summary>
    public async Task DrainAsync()
    {
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Add("x-drain-secret", SiloFactory.TestDrainSecret);
        (await http.PostAsync($"api/activity/drain?tenantId={id}", null)).EnsureSuccessStatusCode();
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var http = Http();
        return (await http.GetFromJsonAsync<JsonNode>(path))!;
    }

    /// <summary>The console's one-click sign-in address for this tenant.</summary>
    public string SignInLink => $"console/index.html#signin={apiKey}";
}

