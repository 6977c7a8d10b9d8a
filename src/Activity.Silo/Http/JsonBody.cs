using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Activity.Silo.Http;

/// <summary>
/// Reads a request body that should be JSON: too big is a 413 (nothing is read past the limit), another
/// content type a 415, an empty body a 400. <see cref="JsonRequest"/> and the emit parse what it returns.
/// </summary>
internal static class JsonBody
{
    /// <summary>How deep a body may nest.</summary>
    public const int MaxDepth = 64;

    /// <summary>The body's bytes (not empty, within the limit, sent as JSON), or the problem to answer with.</summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: $"Send JSON with 'Content-Type: application/json', not '{contentType}'."));
        }

        // Kestrel's own limit (30 MB) must not cut in first with a bare 413.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }

        byte[] body;
        try
        {
            body = request.ContentLength is { } length ? await ReadExactlyAsync(request.Body, (int)length, cancellationToken) : await ReadToEndAsync(request.Body, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (Exception exception) when (exception is BadHttpRequestException or EndOfStreamException)
        {
            return (null, Problems.BadRequest("The body ended before the Content-Length the request announced."));
        }

        if (body.Length > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        return body.Length == 0 ? (null, Problems.BadRequest("The body is empty; send a JSON object.")) : (body, null);
    }

    /// <summary>The 400 for a body that is not JSON at all, saying where it broke.</summary>
    public static IResult NotJson(JsonException exception) => Problems.BadRequest($"The body is not valid JSON: {exception.Message}");

    // The usual case: one array of exactly the announced size, filled by as few reads as the transport needs.
    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(length);
        await body.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    // A chunked body: grow until the end, or until one byte past the limit.
    private static async Task<byte[]> ReadToEndAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (buffer.WrittenCount <= maxBytes)
        {
            var read = await body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static IResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request too large",
        detail: $"The body is larger than {maxBytes:N0} bytes; send less per request.");
}
