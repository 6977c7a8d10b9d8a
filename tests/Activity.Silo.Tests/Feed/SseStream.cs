using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Activity.Silo.Tests.Feed;

/// <summary>One message of an SSE stream: an event with id, event and data, or a comment, or a retry.</summary>
internal sealed record SseFrame(long? Id, string? Event, string? Data, string? Comment, int? Retry)
{
    public JsonNode Json => JsonNode.Parse(Data!)!;
}

/// <summary>Reads an open <c>/api/activity/stream</c> response a message at a time.</summary>
internal sealed class SseStream : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseStream> OpenAsync(HttpClient client, string apiKey, long? lastEventId, bool inQuery)
    {
        var path = inQuery && lastEventId is { } query ? $"/api/activity/stream?lastEventId={query}" : "/api/activity/stream";
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (!inQuery && lastEventId is { } header)
        {
            request.Headers.Add("Last-Event-ID", header.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next message; fails after a long hang guard.</summary>
    public async Task<SseFrame> NextAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        long? id = null;
        string? @event = null, data = null, comment = null;
        int? retry = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(patience.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (id is null && @event is null && data is null && comment is null && retry is null)
                {
                    continue;
                }

                return new SseFrame(id, @event, data, comment, retry);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "": comment = value; break;
                case "id": id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "event": @event = value; break;
                case "data": data = value; break;
                case "retry": retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
    }

    /// <summary>The next message that is an event (skipping the retry hint and keepalives).</summary>
    public async Task<SseFrame> NextEventAsync()
    {
        while (true)
        {
            var frame = await NextAsync();
            if (frame.Event is not null)
            {
                return frame;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
