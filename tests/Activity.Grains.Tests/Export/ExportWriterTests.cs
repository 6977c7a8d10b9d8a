using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Activity.Grains.Export;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Activity.Grains.Tests.Export;

public sealed class ExportWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly object[] Events =
    [
        new { id = 1, type = "comment", details = "says \"hi\", then\nleaves", payload = new { score = 2.5, tags = new[] { "a", "b" } } },
        new { id = 2, type = "vote", details = (string?)null, payload = new { score = 1, user = new { name = "Zoë" } } },
        new { id = 3, type = "sign_up", at = "2026-11-29T08:30:00+00:00", day = "2026-11-28", active = true },
    ];

    [Fact]
    public async Task Csv_has_one_header_of_every_flattened_key_and_quotes_what_rfc_4180_asks()
    {
        var text = await WriteTextAsync(Document("audit-log", ExportSection.Of("audit-log", Events)), ExportFormat.Csv);
        var rows = ReadCsv(text);

        Assert.Equal(["id", "type", "details", "payload.score", "payload.tags", "payload.user.name", "at", "day", "active"], rows[0]);
        Assert.Equal(["1", "comment", "says \"hi\", then\nleaves", "2.5", "[\"a\",\"b\"]", "", "", "", ""], rows[1]);
        Assert.Equal(["2", "vote", "", "1", "", "Zoë", "", "", ""], rows[2]);
        Assert.Equal(["3", "sign_up", "", "", "", "", "2026-11-29T08:30:00+00:00", "2026-11-28", "true"], rows[3]);
        Assert.Contains("\"says \"\"hi\"\", then\nleaves\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_escapes_text_a_spreadsheet_would_run_as_a_formula_but_not_numbers()
    {
        object[] rows =
        [
            new { id = "=HYPERLINK(\"http://evil.example\",\"x\")", details = "+SUM(1,2)", payload = new { cmd = "@cmd", tab = "\tx", cr = "\rx", minus = "-1+2" }, change = -12.5, count = -3 },
        ];

        var text = await WriteTextAsync(Document("audit-log", ExportSection.Of("audit-log", rows)), ExportFormat.Csv);
        var parsed = ReadCsv(text);

        Assert.Equal(["id", "details", "payload.cmd", "payload.tab", "payload.cr", "payload.minus", "change", "count"], parsed[0]);
        Assert.Equal(["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+SUM(1,2)", "'@cmd", "'\tx", "'\rx", "'-1+2", "-12.5", "-3"], parsed[1]);
    }

    [Fact]
    public async Task A_sectioned_csv_names_each_rows_section_in_a_first_column()
    {
        var text = await WriteTextAsync(Sectioned(), ExportFormat.Csv);
        var rows = ReadCsv(text);

        Assert.Equal(["section", "totalEvents", "month", "newUsers"], rows[0]);
        Assert.Equal(["summary", "3", "", ""], rows[1]);
        Assert.Equal(["user-growth", "", "2026-10", "4"], rows[2]);
        Assert.Equal(["user-growth", "", "2026-11", "0"], rows[3]);
    }

    [Fact]
    public async Task Json_with_metadata_wraps_the_rows_and_counts_them()
    {
        var json = JsonNode.Parse(await WriteTextAsync(Document("audit-log", ExportSection.Of("audit-log", Events)), ExportFormat.Json))!;

        Assert.Equal(
            """{"generatedAt":"2026-11-30T09:00:00+00:00","totalRecords":3,"exportFormat":"json","version":"1.0","dateRange":{"from":"2026-11-01T00:00:00+00:00","to":"2026-11-30T00:00:00+00:00"},"metric":"audit-log"}""",
            json["metadata"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(2.5, (double)json["data"]![0]!["payload"]!["score"]!);
        Assert.Equal("says \"hi\", then\nleaves", (string?)json["data"]![0]!["details"]);
    }

    [Fact]
    public async Task Json_of_sections_is_an_object_with_a_summary_object_and_without_metadata_no_wrapper()
    {
        var json = JsonNode.Parse(await WriteTextAsync(Sectioned(), ExportFormat.Json, includeMetadata: false))!;
        var wrapped = JsonNode.Parse(await WriteTextAsync(Sectioned(), ExportFormat.Json))!;

        Assert.Equal(json.ToJsonString(), wrapped["data"]!.ToJsonString());
        Assert.Equal("""{"summary":{"totalEvents":3},"userGrowth":[{"month":"2026-10","newUsers":4},{"month":"2026-11","newUsers":0}]}""", json.ToJsonString());
    }

    [Fact]
    public async Task Xlsx_is_a_workbook_with_a_sheet_per_section_and_typed_cells()
    {
        using var file = new AsyncOnlyStream();
        await ExportWriter.WriteAsync(Document("audit-log", ExportSection.Of("audit-log", Events)), ExportFormat.Xlsx, includeMetadata: true, gzip: false, file, default);
        file.Position = 0;

        using var workbook = SpreadsheetDocument.Open(file, isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(workbook).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var book = workbook.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["metadata", "audit-log"], sheets.Select(s => s.Name!.Value));
        var rows = Rows(book, sheets[1]);
        Assert.Equal(["id", "type", "details", "payload.score", "payload.tags", "payload.user.name", "at", "day", "active"], rows[0].Select(c => Text(c)));
        var first = rows[1];
        Assert.Equal((CellValues.Number, "2.5"), (first[3].DataType!.Value, first[3].CellValue!.Text));
        Assert.Equal("says \"hi\", then\nleaves", Text(first[2]));
        Assert.Equal("D2", first[3].CellReference!.Value);
        var third = rows[3];
        var instant = third.Single(c => c.CellReference == "G4");
        var day = third.Single(c => c.CellReference == "H4");
        Assert.Equal(new DateTime(2026, 11, 29, 8, 30, 0), DateTime.FromOADate(double.Parse(instant.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DateTime(2026, 11, 28), DateTime.FromOADate(double.Parse(day.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(("yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd"), (Format(book, instant), Format(book, day)));
        Assert.Equal(CellValues.Boolean, third.Single(c => c.CellReference == "I4").DataType!.Value);
        Assert.Contains(Rows(book, sheets[0]), r => Text(r[0]) == "totalRecords" && r[1].CellValue!.Text == "3");
    }

    [Fact]
    public async Task A_gzipped_export_unzips_to_the_same_file()
    {
        var document = Document("audit-log", ExportSection.Of("audit-log", Events));
        var plain = await WriteTextAsync(document, ExportFormat.Csv);
        using var zipped = new AsyncOnlyStream();

        await ExportWriter.WriteAsync(document, ExportFormat.Csv, includeMetadata: true, gzip: true, zipped, default);

        zipped.Position = 0;
        using var unzip = new GZipStream(zipped, CompressionMode.Decompress);
        using var reader = new StreamReader(unzip, Encoding.UTF8);
        Assert.Equal(plain, await reader.ReadToEndAsync());
        Assert.Equal([0x1f, 0x8b], zipped.ToArray()[..2]);
    }

    [Fact]
    public async Task An_export_without_rows_is_an_empty_csv_and_an_empty_json_list()
    {
        var empty = Document("top-items", ExportSection.Of<object>("top-items", []));

        Assert.Equal("", await WriteTextAsync(empty, ExportFormat.Csv));
        Assert.Equal("[]", await WriteTextAsync(empty, ExportFormat.Json, includeMetadata: false));
    }

    [Fact]
    public async Task Each_pass_reads_the_rows_again_so_none_is_held()
    {
        var reads = 0;
        var section = new ExportSection("audit-log", _ => RowsAsync(() => reads++));

        await WriteTextAsync(Document("audit-log", section), ExportFormat.Csv);

        Assert.Equal(2, reads);
    }

    [Fact]
    public void File_names_carry_the_metric_the_day_and_the_extension()
    {
        Assert.Equal("activity-trends-2026-11-30.csv", ExportFormat.Csv.FileName("activity-trends", new DateOnly(2026, 11, 30), gzip: false));
        Assert.Equal("audit-log-2026-11-30.xlsx.gz", ExportFormat.Xlsx.FileName("audit-log", new DateOnly(2026, 11, 30), gzip: true));
    }

    private static ExportDocument Document(string metric, params ExportSection[] sections) =>
        new(metric, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), Now, sections);

    private static ExportDocument Sectioned() => Document(
        "comprehensive",
        ExportSection.One("summary", new { totalEvents = 3 }),
        ExportSection.Of("user-growth", new[] { new { month = "2026-10", newUsers = 4 }, new { month = "2026-11", newUsers = 0 } }));

    // Written as into a response: synchronous writes throw.
    private static async Task<string> WriteTextAsync(ExportDocument document, ExportFormat format, bool includeMetadata = true, bool gzip = false)
    {
        using var stream = new AsyncOnlyStream();
        await ExportWriter.WriteAsync(document, format, includeMetadata, gzip, stream, default);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<string[]> ReadCsv(string text)
    {
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    private static async IAsyncEnumerable<JsonElement> RowsAsync(Action read)
    {
        read();
        yield return JsonSerializer.SerializeToElement(new { id = 1 });
        await Task.CompletedTask;
    }

    private static List<List<Cell>> Rows(WorkbookPart book, Sheet sheet) =>
        [.. ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList())];

    private static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";

    private static string Format(WorkbookPart book, Cell cell)
    {
        var formats = book.WorkbookStylesPart!.Stylesheet;
        var id = formats.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value).NumberFormatId!.Value;
        return formats.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == id).FormatCode!.Value!;
    }

    // Like Kestrel's response body, refuses synchronous writes and flushes; keeps what was written to read back.
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _written = new();

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => _written.Length;

        public override long Position { get => _written.Position; set => _written.Position = value; }

        public byte[] ToArray() => _written.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write");

        public override void Flush() => throw new InvalidOperationException("Synchronous flush");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => _written.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => _written.Seek(offset, origin);

        public override void SetLength(long value) => _written.SetLength(value);
    }
}
