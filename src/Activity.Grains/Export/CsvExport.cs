using CsvHelper;

namespace Activity.Grains.Export;

/// <summary>
/// CSV with CsvHelper: one header (a <c>section</c> column first when the document has several), fields
/// quoted as RFC 4180 asks (separator, quotes, line breaks), UTF-8 without a byte order mark. The writer
/// buffers 64 KiB and hands it on asynchronously as each record ends. Text that a spreadsheet would run as a
/// formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR, OWASP's rule) gets a leading
/// <c>'</c>: ids, payloads and details come from tenants' users. Numbers are written as numbers, so
/// <c>-5</c> stays <c>-5</c>.
/// </summary>
internal static class CsvExport
{
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static async Task WriteAsync(ExportDocument document, ExportSurvey survey, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        var columns = document.Sectioned ? survey.AllColumns : survey.Columns[document.Sections[0].Name];
        if (columns.Count == 0 && !document.Sectioned)
        {
            // No rows: nothing names a column, and CSV has no empty record.
            return;
        }

        if (document.Sectioned)
        {
            csv.WriteField("section");
        }

        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        foreach (var section in document.Sections)
        {
            await foreach (var row in section.Rows(cancellationToken).WithCancellation(cancellationToken))
            {
                var flat = FlatRow.Of(row);
                if (document.Sectioned)
                {
                    csv.WriteField(section.Name);
                }

                foreach (var column in columns)
                {
                    if (!flat.TryGetValue(column, out var value))
                    {
                        csv.WriteField("");
                    }
                    else if (value.ValueKind == System.Text.Json.JsonValueKind.Number && value.TryGetDecimal(out var number))
                    {
                        csv.WriteField(number, default, System.Globalization.CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        csv.WriteField(FlatRow.Text(value));
                    }
                }

                await csv.EndRecordAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }
}
