using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Activity.Grains.Ingest;

namespace Activity.Silo.Http;

/// <summary>
/// Says what to fix when System.Text.Json refuses a body: its exception names the path
/// (<c>$.streak.days</c>) but speaks of .NET types, so the path is walked in the body and in the
/// request's contract to name the field, what it must be and what it was.
/// </summary>
internal static partial class JsonRequestErrors
{
    /// <summary>
    /// The 400 for <paramref name="exception"/>, raised reading <paramref name="body"/> as <paramref name="root"/>;
    /// <paramref name="rootName"/> names a body that is an array (<c>events</c>, for <c>events[3].type</c>).
    /// </summary>
    public static IResult Explain(byte[] body, JsonTypeInfo root, JsonException exception, string rootName = "")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = JsonBody.MaxDepth });
        }
        catch (JsonException notJson)
        {
            return JsonBody.NotJson(notJson);
        }

        using (document)
        {
            var (field, problem) = Walk(document.RootElement, root, exception.Path ?? "$", rootName);
            return field.Length == 0
                ? Problems.BadRequest($"The body {problem}")
                : Problems.Invalid(new Dictionary<string, string[]> { [field] = [problem] });
        }
    }

    /// <summary><paramref name="name"/> under <paramref name="path"/>: <c>streak.days</c>.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static (string Field, string Problem) Walk(JsonElement element, JsonTypeInfo info, string jsonPath, string rootName)
    {
        var field = element.ValueKind == JsonValueKind.Array ? rootName : "";
        foreach (Match step in Steps().Matches(jsonPath))
        {
            if (step.Groups["index"].Success && info.ElementType is { } itemType && element.ValueKind == JsonValueKind.Array)
            {
                var index = int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture);
                field += $"[{index}]";
                element = element[index];
                info = info.Options.GetTypeInfo(itemType);
                continue;
            }

            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal);
            if (info.Kind != JsonTypeInfoKind.Object || element.ValueKind != JsonValueKind.Object)
            {
                break;
            }

            var property = info.Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                return (Join(field, name), $"'{name}' is not a field of this request; the fields are {string.Join(", ", info.Properties.Select(p => p.Name))}.");
            }

            field = Join(field, name);
            element = element.GetProperty(name);
            info = info.Options.GetTypeInfo(property.PropertyType);
        }

        var expected = Expected(info);
        if (element.ValueKind == JsonValueKind.String && !JsonText.TryRead(element, out _, out var unreadable))
        {
            return (field, info.Type == typeof(string) ? unreadable! : $"must be {expected}.");
        }

        return (field, Fits(element, info)
            ? "is not valid here."
            : $"must be {expected}, not {Describe(element)}.");
    }

    private static string Expected(JsonTypeInfo info) => (Nullable.GetUnderlyingType(info.Type) ?? info.Type) switch
    {
        var t when t == typeof(string) => "a string",
        var t when t == typeof(Guid) => "a UUID (such as \"0195f0c8-7c2e-7000-8000-000000000000\")",
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(DateTimeOffset) => UtcInstantConverter.Expected,
        _ when info.Kind == JsonTypeInfoKind.Enumerable => "an array",
        _ => "a JSON object",
    };

    private static bool Fits(JsonElement element, JsonTypeInfo info) => (Nullable.GetUnderlyingType(info.Type) ?? info.Type) switch
    {
        var t when t == typeof(string) => element.ValueKind == JsonValueKind.String,
        var t when t == typeof(Guid) => element.ValueKind == JsonValueKind.String && element.TryGetGuid(out _),
        var t when t == typeof(int) => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out _),
        var t when t == typeof(long) => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out _),
        var t when t == typeof(bool) => element.ValueKind is JsonValueKind.True or JsonValueKind.False,
        var t when t == typeof(DateTimeOffset) => element.ValueKind == JsonValueKind.String && UtcInstantConverter.TryParse(element.GetString(), out _),
        _ when info.Kind == JsonTypeInfoKind.Enumerable => element.ValueKind == JsonValueKind.Array,
        _ => element.ValueKind == JsonValueKind.Object,
    };

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => $"\"{Shorten(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..40]}...";

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Steps();
}
