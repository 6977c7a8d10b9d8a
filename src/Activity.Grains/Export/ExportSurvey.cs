namespace Activity.Grains.Export;

/// <summary>
/// A first pass over an export's rows: the columns of each section (the union of its rows' flat keys, in
/// the order first seen) and how many rows, so headers and metadata can be written before the rows.
/// </summary>
public sealed class ExportSurvey
{
    private ExportSurvey(IReadOnlyDictionary<string, IReadOnlyList<string>> columns, long total)
    {
        Columns = columns;
        Total = total;
    }

    /// <summary>Each section's columns, by section name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Columns { get; }

    /// <summary>Rows over every section.</summary>
    public long Total { get; }

    /// <summary>The columns over every section, in order: a sectioned CSV's header.</summary>
    public IReadOnlyList<string> AllColumns => [.. Columns.Values.SelectMany(c => c).Distinct(StringComparer.Ordinal)];

    /// <summary>Reads every section once.</summary>
    public static async Task<ExportSurvey> TakeAsync(ExportDocument document, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        long total = 0;
        foreach (var section in document.Sections)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ordered = new List<string>();
            await foreach (var row in section.Rows(cancellationToken).WithCancellation(cancellationToken))
            {
                total++;
                foreach (var key in FlatRow.Of(row).Keys)
                {
                    if (seen.Add(key))
                    {
                        ordered.Add(key);
                    }
                }
            }

            columns[section.Name] = ordered;
        }

        return new ExportSurvey(columns, total);
    }
}
