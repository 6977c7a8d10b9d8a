using System.Net;
using System.Text.Json.Nodes;

namespace Activity.Silo.Tests;

/// <summary>Reads a route that must answer 200 with JSON.</summary>
internal static class HttpJson
{
    public static async Task<JsonNode> GetOkJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
