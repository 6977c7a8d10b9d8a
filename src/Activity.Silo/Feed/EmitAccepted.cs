using System.Buffers;
using System.Text.Json;

namespace Activity.Silo.Feed;

/// <summary>
/// The 202 of an emit: <c>{"ids":[...]}</c>, written with its <c>Content-Length</c>.
/// </summary>
/// <remarks>
/// A JSON result of unknown length goes out chunked: one send for the body, a second for the closing
/// chunk. On the busiest route that second send per request is a sizeable share of the work, so the
/// answer is written to a buffer first and sent once, like a plain string.
/// </remarks>
internal sealed class EmitAccepted(IReadOnlyList<Guid> ids) : IResult, IStatusCodeHttpResult
{
    private static readonly JsonEncodedText IdsName = JsonEncodedText.Encode("ids");

    /// <summary>The ids, one per event, in order (a repeat gets its first event's id).</summary>
    public IReadOnlyList<Guid> Ids { get; } = ids;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status202Accepted;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        // A Guid is at most 38 characters in JSON, quotes and comma included.
        var buffer = new ArrayBufferWriter<byte>(16 + (Ids.Count * 39));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(IdsName);
            foreach (var id in Ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }

    /// <summary>The shape of the answer, as the OpenAPI document describes it.</summary>
    /// <param name="Ids">One id per event, in order.</param>
    internal sealed record Body(IReadOnlyList<Guid> Ids);
}
