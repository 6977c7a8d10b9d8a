using System.IO.Compression;
using System.Net;
using System.Text;
using Activity.Silo.Tests.Dashboard;
using Activity.Silo.Tests.Feed;
using Activity.Testing;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Activity.Silo.Tests.Analytics;

/// <summary>Exports on PostgreSQL.</summary>
public sealed class AnalyticsExportApiTests(DashboardSiloFixture fixture) : AnalyticsExportContract(fixture.Silo), IClassFixture<DashboardSiloFixture>;

/// <summary>Exports on the embedded silo.</summary>
public sealed class EmbeddedAnalyticsExportApiTests(EmbeddedSiloFixture fixture) : AnalyticsExportContract(fixture.Silo), IClassFixture<EmbeddedSiloFixture>;

/// <summary><c>GET /api/analytics/export</c>, on a silo whose clock stands at Monday 2026-01-05 09:00 UTC.</summary>
public abstract class AnalyticsExportContract(SiloFactory silo)
{
    [Fact]
    public async Task The_audit_log_exports_as_csv_with_payloads_flattened_and_a_file_name()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(
            new { type = "comment", actorId = "ann", itemId = "p1", payload = new { text = "hello, \"world\"", meta = new { lang = "en" } } },
            new { type = "vote", actorId = "bob", itemId = "p1" });

        var response = await tenant.Http().GetAsync("/api/analytics/export?metric=audit-log&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("audit-log-2026-01-05.csv", response.Content.Headers.ContentDisposition!.FileName);
        var rows = ReadCsv(await response.Content.ReadAsStringAsync());
        var header = rows[0];
        Assert.Contains("payload.meta.lang", header);
        Assert.Equal(3, rows.Count);
        var comment = rows.Single(r => r[header.IndexOf("type")] == "comment");
        Assert.Equal(("hello, \"world\"", "en", "ann"), (comment[header.IndexOf("payload.text")], comment[header.IndexOf("payload.meta.lang")], comment[header.IndexOf("actorId")]));
    }

    [Fact]
    public async Task Formulas_that_users_sent_reach_the_csv_as_text()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "comment", actorId = "=HYPERLINK(\"http://evil.example\",\"x\")", itemId = "+SUM(1,2)", payload = new { text = "@cmd", tab = "\tx", cr = "\rx" } });

        var response = await tenant.Http().GetAsync("/api/analytics/export?metric=audit-log&format=csv");

        var rows = ReadCsv(await response.Content.ReadAsStringAsync());
        var (header, row) = (rows[0], rows[1]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", row[header.IndexOf("actorId")]);
        Assert.Equal("'+SUM(1,2)", row[header.IndexOf("itemId")]);
        Assert.Equal(("'@cmd", "'\tx", "'\rx"), (row[header.IndexOf("payload.text")], row[header.IndexOf("payload.tab")], row[header.IndexOf("payload.cr")]));
    }

    [Fact]
    public async Task A_comprehensive_json_export_holds_a_summary_and_the_four_values_with_metadata()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(
            new { type = "SIGN_UP", actorId = "ann", occurredAt = "2026-01-02T12:00:00Z" },
            new { type = "vote", actorId = "ann", itemId = "p1", occurredAt = "2026-01-04T12:00:00Z" },
            new { type = "vote", actorId = "bob", itemId = "p1", occurredAt = "2026-01-04T13:00:00Z" });

        var json = await tenant.Http().GetOkJsonAsync("/api/analytics/export?metric=comprehensive&format=json&from=2026-01-01&to=2026-01-05");

        Assert.Equal(("comprehensive", "json", "1.0"), ((string?)json["metadata"]!["metric"], (string?)json["metadata"]!["exportFormat"], (string?)json["metadata"]!["version"]));
        Assert.Equal("2026-01-06T00:00:00+00:00", (string?)json["metadata"]!["dateRange"]!["to"]);
        var data = json["data"]!;
        Assert.Equal((3, 1, "2026-01-04", 2, "engagement", "p1"), (
            (int)data["summary"]!["totalEvents"]!, (int)data["summary"]!["newUsers"]!, (string?)data["summary"]!["busiestDay"], (int)data["summary"]!["busiestDayEvents"]!,
            (string?)data["summary"]!["topCategory"], (string?)data["summary"]!["topItem"]));
        Assert.Equal(5, data["activityTrends"]!.AsArray().Count);
        Assert.Equal("2026-01", (string?)data["userGrowth"]!.AsArray().Single()!["month"]);
        Assert.Equal(2, (int)data["topItems"]![0]!["votes"]!);
        Assert.Equal(3, data["recentActivity"]!.AsArray().Count);
        var total = data["userGrowth"]!.AsArray().Count + 5 + data["topItems"]!.AsArray().Count + 3 + 1;
        Assert.Equal(total, (int)json["metadata"]!["totalRecords"]!);
    }

    [Fact]
    public async Task An_xlsx_export_gzipped_unzips_to_a_workbook_with_a_sheet_per_section()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" });

        var response = await tenant.Http().GetAsync("/api/analytics/export?metric=comprehensive&format=xlsx&compression=gzip&includeMetadata=false");

        Assert.Equal("application/gzip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("comprehensive-2026-01-05.xlsx.gz", response.Content.Headers.ContentDisposition!.FileName);
        using var file = new MemoryStream();
        await using (var unzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        {
            await unzip.CopyToAsync(file);
        }

        file.Position = 0;
        using var workbook = SpreadsheetDocument.Open(file, isEditable: false);
        Assert.Equal(["summary", "user-growth", "activity-trends", "top-items", "recent-activity"], workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
    }

    [Theory]
    [InlineData("metric=churn", "metric must be one of user-growth, activity-trends, top-items, recent-activity, audit-log, comprehensive")]
    [InlineData("format=csv", "metric must be one of")]
    [InlineData("metric=top-items&format=pdf", "format must be one of csv, json, xlsx")]
    [InlineData("metric=top-items&from=2026-01-05&to=2026-01-01", "must be before to")]
    [InlineData("metric=top-items&from=2023-01-01&to=2026-01-02", "at most 2 years")]
    [InlineData("metric=top-items&from=yesterday", "ISO 8601")]
    [InlineData("metric=top-items&from=2026-01-01T00:00:00", "ISO 8601")]
    [InlineData("metric=top-items&includeMetadata=maybe", "includeMetadata must be true or false")]
    [InlineData("metric=top-items&compression=zip", "compression must be gzip")]
    public async Task A_bad_export_request_is_a_400_that_says_what_to_fix(string query, string says)
    {
        var tenant = await FeedClient.CreateAsync(silo);

        var response = await tenant.Http().GetAsync($"/api/analytics/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_tenants_export_is_a_404_and_the_admin_key_names_the_tenant()
    {
        var tenant = await FeedClient.CreateAsync(silo);
        var other = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" });
        using var admin = silo.CreateAdminClient();

        var others = await other.Http().GetAsync($"/api/analytics/export?metric=top-items&tenantId={tenant.TenantId}");
        var byAdmin = await admin.GetAsync($"/api/admin/analytics/export?metric=top-items&format=json&includeMetadata=false&tenantId={tenant.TenantId}");

        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal("""[{"itemId":"p1","votes":1,"comments":0,"views":0}]""", Encoding.UTF8.GetString(await byAdmin.Content.ReadAsByteArrayAsync()));
    }

    private static List<List<string>> ReadCsv(string text)
    {
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }
}
