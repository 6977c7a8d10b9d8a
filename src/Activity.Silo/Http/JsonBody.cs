using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Activity.Silo.Http;

/// <summary>
/// Reads a request body as JSON, strictly: too big is a 413, not JSON is a 400 saying where it broke,
/// and nothing is parsed past the limit.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The parsed body, or the problem to answer with.</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
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

        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes, (int?)request.ContentLength ?? 4096) + 1);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }

        if (buffer.WrittenCount == 0)
        {
            return (null, Problems.BadRequest("The body is empty; send a JSON object."));
        }

        try
        {
            return (JsonDocument.Parse(buffer.WrittenMemory, Options), null);
        }
        catch (JsonException exception)
        {
            return (null, Problems.BadRequest($"The body is not valid JSON: {exception.Message}"));
        }
    }

    private static IResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request too large",
        detail: $"The body is larger than {maxBytes:N0} bytes; send less per request.");
}
