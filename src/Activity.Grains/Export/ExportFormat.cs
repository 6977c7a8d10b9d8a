namespace Activity.Grains.Export;

/// <summary>A file format an export is written in.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180 CSV, UTF-8, nested objects flattened to dot keys.</summary>
    Csv,

    /// <summary>JSON, optionally wrapped with metadata.</summary>
    Json,

    /// <summary>An Office Open XML workbook, one sheet per section, typed cells.</summary>
    Xlsx,
}

/// <summary>Names, file extensions and content types of the formats.</summary>
public static class ExportFormats
{
    /// <summary>The names a request may use, as the API lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["csv", "json", "xlsx"];

    /// <summary>The format called <paramref name="name"/> (any case), or null.</summary>
    public static ExportFormat? Parse(string name) => name.ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "json" => ExportFormat.Json,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    /// <summary>The file extension, without the dot.</summary>
    public static string Extension(this ExportFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>The content type of a file in this format.</summary>
    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Json => "application/json; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>The file name of an export: <c>activity-trends-2026-11-30.csv</c>, with <c>.gz</c> when compressed.</summary>
    public static string FileName(this ExportFormat format, string metric, DateOnly day, bool gzip) =>
        $"{metric}-{day:yyyy-MM-dd}.{format.Extension()}{(gzip ? ".gz" : "")}";
}
