using System.Text.Json;
using Activity.Grains.Audit;

namespace Activity.Memory.Log;

/// <summary>
/// The audit search of the in-memory log, close to PostgreSQL's: every word of the query must be a word
/// of the type (split at '_', '.', ':'), the details or a string or number in the payload, ignoring case.
/// </summary>
internal static class MemoryAuditSearch
{
    private static readonly char[] Separators = [' ', '\t', '\n', '\r', '_', '.', ':', ',', ';', '!', '?', '(', ')', '"', '\'', '/', '-'];

    public static bool Matches(AuditEntry entry, string search)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Add(words, entry.Type);
        Add(words, entry.Details);
        if (entry.Payload is { } payload)
        {
            AddValues(words, payload);
        }

        return search.Split(Separators, StringSplitOptions.RemoveEmptyEntries).All(words.Contains);
    }

    private static void Add(HashSet<string> words, string? text)
    {
        if (text is not null)
        {
            words.UnionWith(text.Split(Separators, StringSplitOptions.RemoveEmptyEntries));
        }
    }

    private static void AddValues(HashSet<string> words, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    AddValues(words, property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AddValues(words, item);
                }

                break;
            case JsonValueKind.String:
                Add(words, element.GetString());
                break;
            case JsonValueKind.Number:
                Add(words, element.GetRawText());
                break;
        }
    }
}
