using System.Text.Json;

namespace Activity.Grains.Export;

/// <summary>
/// What an export holds: one section per table (a metric, or the parts of a comprehensive report), each
/// read as JSON rows. Rows are read again for each pass a writer makes (headers first, then the rows), so
/// a section of a million events streams from its store twice instead of being held.
/// </summary>
/// <param name="Metric">What was exported, e.g. <c>audit-log</c>.</param>
/// <param name="From">The range's start.</param>
/// <param name="To">The range's end.</param>
/// <param name="GeneratedAt">When the export was made.</param>
/// <param name="Sections">Its sections, in order.</param>
public sealed record ExportDocument(string Metric, DateTimeOffset From, DateTimeOffset To, DateTimeOffset GeneratedAt, IReadOnlyList<ExportSection> Sections)
{
    /// <summary>The version of the export layout written in the metadata.</summary>
    public const string Version = "1.0";

    /// <summary>Whether the document has several sections (a comprehensive report): CSV adds a <c>section</c> column, JSON an object of sections.</summary>
    public bool Sectioned => Sections.Count > 1;
}

/// <summary>One table of an export.</summary>
/// <param name="Name">Its name: the sheet's, the CSV <c>section</c> column's, the JSON property's.</param>
/// <param name="Rows">Reads its rows (objects), from the start, each time it is called.</param>
/// <param name="Single">Whether it is one object rather than a list (a summary): JSON writes it as an object.</param>
public sealed record ExportSection(string Name, Func<CancellationToken, IAsyncEnumerable<JsonElement>> Rows, bool Single = false)
{
    /// <summary>A section of rows already at hand.</summary>
    public static ExportSection Of<T>(string name, IEnumerable<T> rows) =>
        new(name, _ => AsAsync(rows.Select(r => JsonSerializer.SerializeToElement(r, JsonSerializerOptions.Web))));

    /// <summary>A section of one object.</summary>
    public static ExportSection One<T>(string name, T row) => Of(name, [row]) with { Single = true };

    private static async IAsyncEnumerable<JsonElement> AsAsync(IEnumerable<JsonElement> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
