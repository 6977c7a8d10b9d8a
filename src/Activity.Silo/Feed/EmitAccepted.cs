using System.Text;

namespace Activity.Silo.Feed;

/// <summary>
/// The 202 of an emit: <c>{"ids":[...]}</c>, written with its <c>Content-Length</c>.
/// </summary>
/// <remarks>
/// A JSON result of unknown length goes out chunked: one send for the body, a second for the closing
/// chunk. On the busiest route that second send per request is a sizeable share of the work. The
/// answer's length is known from the number of ids (a UUID is always 36 characters), so it is written
/// straight into the response, once, like a plain string.
/// </remarks>
internal sealed class EmitAccepted(IReadOnlyList<Guid> ids) : IResult, IStatusCodeHttpResult
{
    private static readonly byte[] Start = Encoding.ASCII.GetBytes("{\"ids\":[");
    private static readonly byte[] End = Encoding.ASCII.GetBytes("]}");

    // A quoted id and the comma before every id but the first.
    private const int IdLength = 38;

    /// <summary>The ids, one per event, in order (a repeat gets its first event's id).</summary>
    public IReadOnlyList<Guid> Ids { get; } = ids;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status202Accepted;

    /// <summary>The body's length in bytes.</summary>
    public int Length => Start.Length + (Ids.Count * IdLength) + Math.Max(Ids.Count - 1, 0) + End.Length;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var length = Length;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = length;
        Write(response.BodyWriter.GetSpan(length));
        response.BodyWriter.Advance(length);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    private void Write(Span<byte> body)
    {
        Start.CopyTo(body);
        var at = Start.Length;
        for (var i = 0; i < Ids.Count; i++)
        {
            if (i > 0)
            {
                body[at++] = (byte)',';
            }

            body[at++] = (byte)'"';
            Ids[i].TryFormat(body[at..], out var written);
            at += written;
            body[at++] = (byte)'"';
        }

        End.CopyTo(body[at..]);
    }

    /// <summary>The shape of the answer, as the OpenAPI document describes it.</summary>
    /// <param name="Ids">One id per event, in order.</param>
    internal sealed record Body(IReadOnlyList<Guid> Ids);
}
