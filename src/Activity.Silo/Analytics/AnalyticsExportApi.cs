using System.Diagnostics;
using Activity.Grains.Export;
using Activity.Grains.Analytics.Export;
using Activity.Grains.Telemetry;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Activity.Silo.Limits;

namespace Activity.Silo.Analytics;

/// <summary>
/// <c>GET /api/analytics/export</c>: a metric over a range as a CSV, JSON or XLSX file, streamed as
/// it is written (a million events keep the silo's memory flat), gzipped on request.
/// </summary>
internal static partial class AnalyticsExportApi
{
    public static RouteGroupBuilder MapAnalyticsExportApi(this RouteGroupBuilder analytics)
    {
        analytics.MapGet("/export", ExportAsync).CountsAsExpensive();
        return analytics;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, AnalyticsExporter exporter, TimeProvider timeProvider, ILogger<ExportRequest> logger)
    {
        var now = timeProvider.GetUtcNow();
        var (request, problem) = ExportRequest.Parse(http.Request.Query, now);
        if (request is null)
        {
            return Problems.BadRequest(problem!);
        }

        ExportDocument document;
        using (var span = ActivityTracing.Source.StartActivity("analytics.export.build"))
        {
            span?.SetTag("activity.metric", request.Metric);
            document = await exporter.BuildAsync(http.User.TenantId(), request.Metric, request.From, request.To, now, http.RequestAborted);
        }

        return new ExportFile(document, request, DateOnly.FromDateTime(now.UtcDateTime), logger);
    }

    // Writes the headers, then the file straight into the response.
    private sealed partial class ExportFile(ExportDocument document, ExportRequest request, DateOnly today, ILogger logger) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;

            // A gzipped export is a .gz file (application/gzip), not a Content-Encoding: clients that unpack
            // an encoding by themselves would save the plain file under the .gz name.
            Attachment.Head(response, request.Gzip ? "application/gzip" : request.Format.ContentType(), request.Format.FileName(request.Metric, today, request.Gzip));
            response.Headers.CacheControl = "no-store";
            var clock = TimeProvider.System.GetTimestamp();
            using var span = ActivityTracing.Source.StartActivity("analytics.export.write");
            span?.SetTag("activity.format", request.Format.Extension());
            try
            {
                var rows = await ExportWriter.WriteAsync(document, request.Format, request.IncludeMetadata, request.Gzip, response.Body, http.RequestAborted);
                span?.SetTag("activity.rows", rows);
                LogExported(logger, request.Metric, request.Format.Extension(), rows, (long)TimeProvider.System.GetElapsedTime(clock).TotalMilliseconds);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && response.HasStarted)
            {
                // The status line went out with the first bytes: all that is left is to cut the file short.
                // (Before that, the failure goes to the exception handler: a 503 when the database is away.)
                span?.SetStatus(ActivityStatusCode.Error, "cut short");
                LogExportFailed(logger, exception, request.Metric, request.Format.Extension());
                http.Abort();
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Exported {Metric} as {Format}: {Rows} rows in {DurationMs} ms")]
        private static partial void LogExported(ILogger logger, string metric, string format, long rows, long durationMs);

        [LoggerMessage(Level = LogLevel.Error, Message = "Exporting {Metric} as {Format} failed part way; the response was cut short")]
        private static partial void LogExportFailed(ILogger logger, Exception exception, string metric, string format);
    }
}
