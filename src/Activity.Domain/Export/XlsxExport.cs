using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Activity.Domain.Export;

/// <summary>
/// A workbook written with <see cref="OpenXmlWriter"/> (rows stream into the sheet's part, nothing of a
/// sheet is held): one sheet per section with a header row, numbers as numbers, ISO dates and instants as
/// dates (UTC), text inline; a <c>metadata</c> sheet first when asked for. The package is built in a
/// temporary file (a zip needs to seek) and then copied to the output.
/// </summary>
internal static class XlsxExport
{
    private const uint DateStyle = 1;
    private const uint InstantStyle = 2;

    public static async Task WriteAsync(ExportDocument document, ExportSurvey survey, ExportMetadata? metadata, Stream output, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var workbook = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var book = workbook.AddWorkbookPart();
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = book.Workbook.AppendChild(new Sheets());
            if (metadata is not null)
            {
                var rows = JsonSerializer.SerializeToElement(metadata, JsonSerializerOptions.Web);
                await AddSheetAsync(book, sheets, "metadata", ["field", "value"], Fields(FlatRow.Of(rows)), cancellationToken);
            }

            foreach (var section in document.Sections)
            {
                var columns = survey.Columns[section.Name];
                await AddSheetAsync(book, sheets, section.Name, columns, Values(section, columns, cancellationToken), cancellationToken);
            }
        }

        file.Position = 0;
        await file.CopyToAsync(output, cancellationToken);
    }

    private static async Task AddSheetAsync(WorkbookPart book, Sheets sheets, string name, IReadOnlyList<string> columns, IAsyncEnumerable<JsonElement[]> rows, CancellationToken cancellationToken)
    {
        var part = book.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            uint row = 1;
            WriteRow(writer, row, [.. columns.Select(c => JsonSerializer.SerializeToElement(c))]);
            await foreach (var values in rows.WithCancellation(cancellationToken))
            {
                WriteRow(writer, ++row, values);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        sheets.AppendChild(new Sheet { Id = book.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name.Length > 31 ? name[..31] : name });
    }

    private static void WriteRow(OpenXmlWriter writer, uint row, JsonElement[] values)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture))]);
        for (var column = 0; column < values.Length; column++)
        {
            if (Cell(values[column]) is { } cell)
            {
                cell.CellReference = ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);
                writer.WriteElement(cell);
            }
        }

        writer.WriteEndElement();
    }

    // A typed cell, or none for an empty value.
    private static Cell? Cell(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return new Cell { DataType = CellValues.Number, CellValue = new CellValue(value.GetRawText()) };
            case JsonValueKind.True or JsonValueKind.False:
                return new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(value.ValueKind == JsonValueKind.True ? "1" : "0") };
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
        }

        var text = FlatRow.Text(value);
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Number(day.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle);
        }

        if (text.Length >= 19 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
        {
            return Number(instant.UtcDateTime.ToOADate(), InstantStyle);
        }

        return new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
    }

    private static Cell Number(double value, uint style) => new()
    {
        DataType = CellValues.Number,
        StyleIndex = style,
        CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)),
    };

    // A, B, ..., Z, AA, AB, ...
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static async IAsyncEnumerable<JsonElement[]> Values(ExportSection section, IReadOnlyList<string> columns, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in section.Rows(cancellationToken).WithCancellation(cancellationToken))
        {
            var flat = FlatRow.Of(row);
            yield return [.. columns.Select(c => flat.TryGetValue(c, out var value) ? value : default)];
        }
    }

    private static async IAsyncEnumerable<JsonElement[]> Fields(Dictionary<string, JsonElement> fields)
    {
        foreach (var (name, value) in fields)
        {
            yield return [JsonSerializer.SerializeToElement(name), value];
        }

        await Task.CompletedTask;
    }

    // Style 1: a date (yyyy-mm-dd); style 2: an instant (yyyy-mm-dd hh:mm:ss, UTC).
    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 2 },
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 3 });
}
