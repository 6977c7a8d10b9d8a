using System.Text.Json;

namespace Activity.Grains.Export;

/// <summary>
/// A JSON row as flat columns: nested objects become dot keys (<c>payload.score</c>), arrays stay one
/// value (their JSON text), nulls are empty.
/// </summary>
public static class FlatRow
{
    /// <summary>The row's leaf values by dot key, in the order they appear.</summary>
    public static Dictionary<string, JsonElement> Of(JsonElement row)
    {
        var flat = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Add(flat, "", row);
        return flat;
    }

    /// <summary>A leaf value as CSV text: strings as they are, numbers and booleans as JSON writes them, arrays as JSON.</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    private static void Add(Dictionary<string, JsonElement> flat, string prefix, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            flat[prefix.Length == 0 ? "value" : prefix] = value;
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            Add(flat, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", property.Value);
        }
    }
}
