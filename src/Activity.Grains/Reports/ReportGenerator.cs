using Activity.Grains.Export;
using Activity.Domain.Reports;
using Activity.Grains.Analytics.Export;

namespace Activity.Grains.Reports;

/// <summary>
/// Writes a template's report for a range into a temporary file: the export of each of its metrics as
/// sections of one document (a comprehensive metric brings its own five), in the template's format.
/// </summary>
public sealed class ReportGenerator(AnalyticsExporter exporter)
{
    /// <summary>The report of <paramref name="template"/> over [<paramref name="from"/>, <paramref name="to"/>); the caller deletes the file.</summary>
    public async Task<ReportFile> GenerateAsync(string tenantId, ReportTemplate template, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var format = ExportFormats.Parse(template.Format) ?? throw new InvalidOperationException($"The template's format '{template.Format}' is unknown.");
        var sections = new List<ExportSection>();
        foreach (var metric in template.Metrics)
        {
            // A section twice (user-growth alone and inside comprehensive) is written once.
            var built = await exporter.BuildAsync(tenantId, metric, from, to, now, cancellationToken);
            sections.AddRange(built.Sections.Where(s => sections.TrueForAll(taken => taken.Name != s.Name)));
        }

        var document = new ExportDocument(template.Metrics.Count == 1 ? template.Metrics[0] : template.Id, from, to, now, sections);
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await ExportWriter.WriteAsync(document, format, template.IncludeMetadata, gzip: false, file, cancellationToken);
            }

            return new ReportFile(path, format.FileName(template.Id, DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1)), gzip: false), format.ContentType(), new FileInfo(path).Length);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The range a slot's report covers: since the schedule's slot before it (two years at most).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) RangeOf(ReportSchedule schedule, DateTimeOffset slot)
    {
        var from = schedule.PreviousBefore(slot);
        return (from < slot.AddYears(-2) ? slot.AddYears(-2) : from, slot);
    }

    /// <summary>The range a report asked for now covers: one of its schedule's periods, ending now.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) RangeEndingAt(ReportSchedule schedule, DateTimeOffset now)
    {
        var next = schedule.NextAfter(now) ?? now;
        var (from, to) = RangeOf(schedule, next);
        return (now - (to - from), now);
    }
}
