using System.Text.Encodings.Web;
using System.Text.Json;

namespace Activity.Runtime.Serialization;

/// <summary>The one JSON shape the runtime writes: grain state, stream items, and calls between processes.</summary>
public static class GrainJson
{
    /// <summary>
    /// Web defaults (camelCase names, case-insensitive reads), shared so every writer agrees, with the
    /// same escaping as ASP.NET's JSON responses: "+50 XP" stays readable instead of "\u002B50 XP".
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
