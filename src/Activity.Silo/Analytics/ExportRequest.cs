using System.Globalization;
using Activity.Grains.Export;
using Activity.Grains.Analytics.Export;

namespace Activity.Silo.Analytics;

/// <summary>
/// The query of <c>GET /api/analytics/export</c>, checked: <c>metric</c> (required), <c>format</c>
/// (csv by default), <c>from</c>/<c>to</c> (ISO dates or instants; a date <c>to</c> takes in its whole
/// day; by default the 30 days ending with today, UTC; at most two years), <c>includeMetadata</c> (true by default) and
/// <c>compression=gzip</c>.
/// </summary>
internal sealed record ExportRequest(string Metric, ExportFormat Format, DateTimeOffset From, DateTimeOffset To, bool IncludeMetadata, bool Gzip)
{
    /// <summary>The longest range an export covers.</summary>
    public static readonly int MaxYears = 2;

    /// <summary>The request, or what is wrong with it.</summary>
    public static (ExportRequest? Request, string? Problem) Parse(IQueryCollection query, DateTimeOffset now)
    {
        var metric = query["metric"].ToString();
        if (!AnalyticsExporter.Metrics.Contains(metric))
        {
            return (null, $"metric must be one of {string.Join(", ", AnalyticsExporter.Metrics)}; '{metric}' is not.");
        }

        var formatText = query["format"].ToString();
        if ((formatText.Length == 0 ? ExportFormat.Csv : ExportFormats.Parse(formatText)) is not { } format)
        {
            return (null, $"format must be one of {string.Join(", ", ExportFormats.Names)}; '{formatText}' is not.");
        }

        var endOfToday = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (!Instant(query["to"].ToString(), endOfDay: true, endOfToday, out var to) || !Instant(query["from"].ToString(), endOfDay: false, to.AddDays(-30), out var from))
        {
            return (null, "from and to must be ISO 8601 dates (2026-11-30) or instants with an offset (2026-11-30T09:00:00Z).");
        }

        if (from >= to)
        {
            return (null, $"from ({from:O}) must be before to ({to:O}).");
        }

        if (to > from.AddYears(MaxYears))
        {
            return (null, $"An export covers at most {MaxYears} years; from {from:O} to {to:O} is longer.");
        }

        var metadataText = query["includeMetadata"].ToString();
        if (metadataText.Length > 0 && !bool.TryParse(metadataText, out _))
        {
            return (null, $"includeMetadata must be true or false; '{metadataText}' is not.");
        }

        var compression = query["compression"].ToString();
        if (compression.Length > 0 && compression != "gzip")
        {
            return (null, $"compression must be gzip or left out; '{compression}' is not.");
        }

        return (new ExportRequest(metric, format, from, to, metadataText.Length == 0 || bool.Parse(metadataText), compression == "gzip"), null);
    }

    // A date stands for its midnight (UTC), or the next one for the end of a range; an instant needs its offset.
    private static bool Instant(string text, bool endOfDay, DateTimeOffset fallback, out DateTimeOffset instant)
    {
        if (text.Length == 0)
        {
            instant = fallback;
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            instant = new DateTimeOffset((endOfDay ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)
            && text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-');
    }
}
