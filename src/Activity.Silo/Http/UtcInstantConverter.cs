using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Activity.Silo.Http;

/// <summary>
/// Reads an instant as the API documents it: ISO 8601 with a time (<c>2026-11-21T08:30:00Z</c>), an
/// instant without an offset being UTC (System.Text.Json's own would take the server's zone), as UTC.
/// </summary>
internal sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>What the field must be, for the error that names it.</summary>
    public const string Expected = "an ISO 8601 date and time, such as \"2026-11-21T08:30:00Z\"";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var instant)
            ? instant
            : throw new JsonException($"must be {Expected}.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime());

    /// <summary>The instant <paramref name="text"/> names, as UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out instant);
        instant = instant.ToUniversalTime();
        return parsed && text!.Contains('T', StringComparison.Ordinal);
    }
}
