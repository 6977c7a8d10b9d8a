using System.Text.Json;

namespace Activity.Runtime.Serialization;

/// <summary>The one JSON shape the runtime writes: grain state, stream items, and (later) calls between silos.</summary>
public static class GrainJson
{
    /// <summary>Web defaults (camelCase names, case-insensitive reads), shared so every writer agrees.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
