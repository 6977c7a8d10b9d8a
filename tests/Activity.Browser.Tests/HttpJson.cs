using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Activity.Browser.Tests;

/// <summary>Reading JSON in tests.</summary>
public static class HttpJson
{
    /// <summary>Reads a JSON array from <paramref name="path"/>, then disposes the client.</summary>
    public static async Task<JsonArray> GetFromJsonArrayAsync(this HttpClient http, string path)
    {
        using (http)
        {
            return (await http.GetFromJsonAsync<JsonArray>(path))!;
        }
    }
}
