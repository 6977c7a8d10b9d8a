using System.IO.Compression;

namespace Activity.Grains.Export;

/// <summary>Writes an export document to a stream in a format, gzipped on request, with async writes only.</summary>
public static class ExportWriter
{
    /// <summary>How many rows a writer buffers before handing them to the stream: memory stays this flat.</summary>
    internal const int RowsPerFlush = 1000;

    /// <summary>
    /// Surveys the document (a first pass: columns and counts), then writes it. Returns how many rows it wrote.
    /// CSV carries no metadata: the format has no place for it that every reader skips.
    /// </summary>
    public static async Task<long> WriteAsync(ExportDocument document, ExportFormat format, bool includeMetadata, bool gzip, Stream target, CancellationToken cancellationToken)
    {
        var survey = await ExportSurvey.TakeAsync(document, cancellationToken);
        var metadata = includeMetadata ? ExportMetadata.Of(document, survey, format) : null;
        var output = gzip ? new GZipStream(target, CompressionLevel.Fastest, leaveOpen: true) : target;
        try
        {
            await (format switch
            {
                ExportFormat.Csv => CsvExport.WriteAsync(document, survey, output, cancellationToken),
                ExportFormat.Json => JsonExport.WriteAsync(document, metadata, output, cancellationToken),
                _ => XlsxExport.WriteAsync(document, survey, metadata, output, cancellationToken),
            });
        }
        finally
        {
            if (gzip)
            {
                await output.DisposeAsync();
            }
        }

        return survey.Total;
    }
}
