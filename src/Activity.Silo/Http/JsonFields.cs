using System.Globalization;
using System.Text.Json;
using Activity.Grains.Ingest;

namespace Activity.Silo.Http;

/// <summary>
/// Reads the fields of one JSON object strictly: wrong types, missing required fields and fields the
/// API does not know are all errors, collected under their path (<c>events[3].type</c>). The object is
/// walked once; every field is then read from what that walk found.
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

    /// <summary>A string field, checked for presence and length.</summary>
    public string? String(string name, bool required, int maxLength)
    {
        if (!Get(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Error<string>(name, $"must be a string, not {Describe(value.ValueKind)}.");
        }

        if (!JsonText.TryRead(value, out var text, out var unstorable))
        {
            return Error<string>(name, unstorable!);
        }

        return EventRules.TextProblem(text, maxLength) is { } problem ? Error<string>(name, problem) : text;
    }

    /// <summary>A string field as sent, or null when absent; its rules are the caller's (<see cref="EventRules.Check"/>).</summary>
    public string? Text(string name)
    {
        if (!Get(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Error<string>(name, $"must be a string, not {Describe(value.ValueKind)}.");
        }

        return JsonText.TryRead(value, out var text, out var unstorable) ? text : Error<string>(name, unstorable!);
    }

    /// <summary>A field holding an event id (a UUID string).</summary>
    public Guid? Id(string name)
    {
        var text = String(name, required: true, maxLength: 64);
        if (text is null)
        {
            return null;
        }

        return Guid.TryParse(text, out var id) ? id : Error<Guid?>(name, $"must be an event id (a UUID such as \"0195f0c8-...\"), not \"{text}\".");
    }

    /// <summary>An ISO 8601 instant (<c>2026-11-21T08:30:00Z</c>; without an offset, UTC), as UTC.</summary>
    public DateTimeOffset? Instant(string name)
    {
        if (!Get(name, required: false, out var value))
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
        if (!Get(name, required: false, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : Error<JsonElement?>(name, $"must be a JSON object, not {Describe(value.ValueKind)}.");
    }

    /// <summary>A true/false field.</summary>
    public bool? Bool(string name, bool required)
    {
        if (!Get(name, required, out var value))
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : Error<bool?>(name, $"must be true or false, not {Describe(value.ValueKind)}.");
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Int(string name, int min, int max)
    {
        if (!Get(name, required: false, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : Error<int?>(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max}."));
    }

    /// <summary>An array of at most <paramref name="maxCount"/> whole numbers, each at least 1, ascending.</summary>
    public IReadOnlyList<long>? AscendingNumbers(string name, int maxCount)
    {
        if (!Get(name, required: false, out var value))
        {
            return null;
        }

        var message = string.Create(CultureInfo.InvariantCulture, $"must be an array of 1 to {maxCount} whole numbers of at least 1, ascending.");
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 || value.GetArrayLength() > maxCount)
        {
            return Error<IReadOnlyList<long>>(name, message);
        }

        var numbers = new List<long>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var number) || number < 1 || (numbers.Count > 0 && number <= numbers[^1]))
            {
                return Error<IReadOnlyList<long>>(name, message);
            }

            numbers.Add(number);
        }

        return numbers;
    }

    /// <summary>An array of at most <paramref name="maxCount"/> strings of at most <paramref name="maxLength"/> characters each.</summary>
    public IReadOnlyList<string>? Strings(string name, bool required, int maxCount, int maxLength)
    {
        if (!Get(name, required, out var value))
        {
            return null;
        }

        var message = string.Create(CultureInfo.InvariantCulture, $"must be an array of at most {maxCount} strings of 1 to {maxLength} characters.");
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxCount)
        {
            return Error<IReadOnlyList<string>>(name, message);
        }

        var strings = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text || text.Length > maxLength)
            {
                return Error<IReadOnlyList<string>>(name, message);
            }

            strings.Add(text);
        }

        return strings;
    }

    /// <summary>The fields of a nested object field, or null (with an error) when it is not one; null when absent.</summary>
    public JsonFields? Nested(string name, JsonFieldNames known) =>
        Get(name, required: false, out var value) ? Of(value, Join(_path, name), _errors, known) : null;

    /// <summary>Records an error of this object's field.</summary>
    public void Fail(string name, string message) => Add(_errors, Join(_path, name), message);

    // False when absent or null; a missing required field is an error.
    private bool Get(string name, bool required, out JsonElement value)
    {
        value = _values[_known.IndexOf(name)];
        if (value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return true;
        }

        if (required)
        {
            Fail(name, "is required.");
        }

        return false;
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

/// <summary>Turns collected field errors into the 400 answer.</summary>
internal static class FieldErrors
{
    public static IResult? ToProblem(this Dictionary<string, List<string>> errors) =>
        errors.Count == 0 ? null : Problems.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
