using System.Globalization;
using System.Text.Json;
using Activity.Grains.Ingest;

namespace Activity.Silo.Http;

/// <summary>
/// Reads the fields of one emitted event's JSON object strictly: wrong kinds and fields the API does not
/// know are errors, collected under their path (<c>events[3].type</c>); the values' rules are
/// <see cref="EventRules"/>. The object is walked once, and the payloads stay elements of the body, not
/// copies: the emit is the busiest route. Every other body is a typed record (<see cref="JsonRequest"/>).
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonFieldNames _known;
    private readonly JsonElement[] _values;
    private readonly string _path;
    private readonly Dictionary<string, List<string>> _errors;

    private JsonFields(JsonFieldNames known, JsonElement[] values, string path, Dictionary<string, List<string>> errors)
    {
        _known = known;
        _values = values;
        _path = path;
        _errors = errors;
    }

    /// <summary>The fields of <paramref name="element"/>, or null (with an error) when it is not an object; unknown fields are errors.</summary>
    public static JsonFields? Of(JsonElement element, string path, Dictionary<string, List<string>> errors, JsonFieldNames known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add(errors, path, $"must be a JSON object, not {Describe(element.ValueKind)}.");
            return null;
        }

        var values = new JsonElement[known.Count];
        foreach (var property in element.EnumerateObject())
        {
            var index = known.IndexOf(property);
            if (index < 0)
            {
                Add(errors, Join(path, property.Name), $"'{property.Name}' is not a field of this request; the fields are {string.Join(", ", known.Names)}.");
            }
            else
            {
                values[index] = property.Value;
            }
        }

        return new JsonFields(known, values, path, errors);
    }

    /// <summary>A string field as sent, or null when absent; its rules are the caller's (<see cref="EventRules.Check"/>).</summary>
    public string? Text(string name)
    {
        if (!Get(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Error<string>(name, $"must be a string, not {Describe(value.ValueKind)}.");
        }

        return JsonText.TryRead(value, out var text, out var unstorable) ? text : Error<string>(name, unstorable!);
    }

    /// <summary>An ISO 8601 instant (<c>2026-11-21T08:30:00Z</c>; without an offset, UTC), as UTC.</summary>
    public DateTimeOffset? Instant(string name)
    {
        if (!Get(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && JsonText.TryRead(value, out var text, out _)
            && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        return Error<DateTimeOffset?>(name, "must be an ISO 8601 date and time, such as \"2026-11-21T08:30:00Z\".");
    }

    /// <summary>A field holding a JSON object, returned as is.</summary>
    public JsonElement? Object(string name)
    {
        if (!Get(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : Error<JsonElement?>(name, $"must be a JSON object, not {Describe(value.ValueKind)}.");
    }

    private void Fail(string name, string message) => Add(_errors, Join(_path, name), message);

    // False when absent or null: whether that is allowed is the rules' to say.
    private bool Get(string name, out JsonElement value)
    {
        value = _values[_known.IndexOf(name)];
        return value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
    }

    private T? Error<T>(string name, string message)
    {
        Fail(name, message);
        return default;
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
