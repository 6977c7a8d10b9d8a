using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Activity.Grains.Export;

/// <summary>
/// A workbook: one sheet per section with a header row, numbers as numbers, ISO dates and instants as
/// dates (UTC), text inline; a <c>metadata</c> sheet first when asked for. Sheets are written row by row
/// with <see cref="OpenXmlWriter"/> straight into a zip in create mode, so nothing of a sheet is held.
/// The SDK's own package cannot do that on .NET: it opens its zip for update, and .NET's zip holds every
/// entry of an updated archive in memory until it is closed (dotnet/Open-XML-SDK#807; a million rows
/// took 1.3 GB), so the few package files around the sheets are written here. The zip goes to a
/// temporary file (a zip is written synchronously) and from there to the output.
/// </summary>
internal static class XlsxExport
{
    private const uint DateStyle = 1;
    private const uint InstantStyle = 2;
    private const string MainType = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    private const string RelationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static async Task WriteAsync(ExportDocument document, ExportSurvey survey, ExportMetadata? metadata, Stream output, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920))
            {
                await WriteWorkbookAsync(document, survey, metadata, file, cancellationToken);
            }

            await using var written = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.Asynchronous);
            await written.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WriteWorkbookAsync(ExportDocument document, ExportSurvey survey, ExportMetadata? metadata, Stream file, CancellationToken cancellationToken)
    {
        var sheets = new List<(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<JsonElement[]> Rows)>();
        if (metadata is not null)
        {
            sheets.Add(("metadata", ["field", "value"], Fields(FlatRow.Of(JsonSerializer.SerializeToElement(metadata, JsonSerializerOptions.Web)))));
        }

        foreach (var section in document.Sections)
        {
            var columns = survey.Columns[section.Name];
            sheets.Add((section.Name, columns, Values(section, columns, cancellationToken)));
        }

        using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "[Content_Types].xml", xml => ContentTypes(xml, sheets.Count));
        Entry(zip, "_rels/.rels", xml => Relationships(xml, [("rId1", "officeDocument", "xl/workbook.xml")]));
        Entry(zip, "xl/_rels/workbook.xml.rels", xml => Relationships(
            xml,
            [.. sheets.Select((_, i) => ($"rId{i + 1}", "worksheet", $"worksheets/sheet{i + 1}.xml")), ($"rId{sheets.Count + 1}", "styles", "styles.xml")]));
        Part(zip, "xl/workbook.xml", new Workbook(new Sheets(sheets.Select((sheet, i) => new Sheet
        {
            Name = sheet.Name.Length > 31 ? sheet.Name[..31] : sheet.Name,
            SheetId = (uint)i + 1,
            Id = $"rId{i + 1}",
        }))));
        Part(zip, "xl/styles.xml", Styles());
        for (var i = 0; i < sheets.Count; i++)
        {
            await using var stream = zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest).Open();
            await WriteSheetAsync(stream, sheets[i].Columns, sheets[i].Rows, cancellationToken);
        }
    }

    private static async Task WriteSheetAsync(Stream part, IReadOnlyList<string> columns, IAsyncEnumerable<JsonElement[]> rows, CancellationToken cancellationToken)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument();
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

    // A small part of the workbook (its sheet list, its styles), written whole.
    private static void Part(ZipArchive zip, string name, OpenXmlPartRootElement root)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument();
        writer.WriteElement(root);
    }

    // One of the package's own files (content types, relationships): plain XML.
    private static void Entry(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        write(xml);
        xml.WriteEndDocument();
    }

    private static void ContentTypes(XmlWriter xml, int sheets)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        xml.WriteStartElement("Types", ns);
        foreach (var (extension, type) in new[] { ("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml") })
        {
            xml.WriteStartElement("Default", ns);
            xml.WriteAttributeString("Extension", extension);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }

        var overrides = Enumerable.Range(1, sheets).Select(i => ($"/xl/worksheets/sheet{i}.xml", $"{MainType}.worksheet+xml"))
            .Append(("/xl/workbook.xml", $"{MainType}.sheet.main+xml"))
            .Append(("/xl/styles.xml", $"{MainType}.styles+xml"));
        foreach (var (part, type) in overrides)
        {
            xml.WriteStartElement("Override", ns);
            xml.WriteAttributeString("PartName", part);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Relationships(XmlWriter xml, IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/relationships";
        xml.WriteStartElement("Relationships", ns);
        foreach (var (id, type, target) in relationships)
        {
            xml.WriteStartElement("Relationship", ns);
            xml.WriteAttributeString("Id", id);
            xml.WriteAttributeString("Type", $"{RelationshipType}/{type}");
            xml.WriteAttributeString("Target", target);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
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
