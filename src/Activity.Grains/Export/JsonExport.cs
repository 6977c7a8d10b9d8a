using System.Text.Encodings.Web;
using System.Text.Json;

namespace Activity.Grains.Export;

/// <summary>
/// JSON: the rows as they are (nested objects kept), an object of sections for a sectioned document, and
/// wrapped as <c>{ "metadata": {...}, "data": ... }</c> when metadata is asked for.
/// </summary>
internal static class JsonExport
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(ExportDocument document, ExportMetadata? metadata, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, Options);
        if (metadata is not null)
        {
            json.WriteStartObject();
            json.WritePropertyName("metadata");
            // Not JsonSerializer.Serialize(writer, ...): it flushes the writer synchronously, which a response refuses.
            JsonSerializer.SerializeToElement(metadata, JsonSerializerOptions.Web).WriteTo(json);
            json.WritePropertyName("data");
        }

        if (document.Sectioned)
        {
            json.WriteStartObject();
        }

        var rows = 0;
        foreach (var section in document.Sections)
        {
            if (document.Sectioned)
            {
                json.WritePropertyName(PropertyName(section.Name));
            }

            var single = section.Single && document.Sectioned;
            if (!single)
            {
                json.WriteStartArray();
            }

            await foreach (var row in section.Rows(cancellationToken).WithCancellation(cancellationToken))
            {
                row.WriteTo(json);
                if (++rows % ExportWriter.RowsPerFlush == 0)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }

        if (document.Sectioned)
        {
            json.WriteEndObject();
        }

        if (metadata is not null)
        {
            json.WriteEndObject();
        }

        await json.FlushAsync(cancellationToken);
    }

    // user-growth → userGrowth.
    private static string PropertyName(string section) =>
        string.Concat(section.Split('-').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
