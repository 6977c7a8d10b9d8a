namespace Activity.Grains.Export;

/// <summary>What a JSON export's <c>metadata</c> (and an XLSX export's metadata sheet) says.</summary>
/// <param name="GeneratedAt">When the export was made.</param>
/// <param name="TotalRecords">Rows over every section.</param>
/// <param name="ExportFormat">csv, json or xlsx.</param>
/// <param name="Version">The export layout's version.</param>
/// <param name="DateRange">The range exported.</param>
/// <param name="Metric">What was exported.</param>
public sealed record ExportMetadata(DateTimeOffset GeneratedAt, long TotalRecords, string ExportFormat, string Version, ExportRange DateRange, string Metric)
{
    /// <summary>The metadata of <paramref name="document"/> written as <paramref name="format"/>.</summary>
    public static ExportMetadata Of(ExportDocument document, ExportSurvey survey, ExportFormat format) =>
        new(document.GeneratedAt, survey.Total, format.Extension(), ExportDocument.Version, new ExportRange(document.From, document.To), document.Metric);
}

/// <summary>A range of time: from, to.</summary>
public sealed record ExportRange(DateTimeOffset From, DateTimeOffset To);
