using System.Net;
using System.Threading.Channels;

namespace Activity.Testing;

/// <summary>
/// A real HTTP endpoint on a free local port for report webhooks: hands the test every request it
/// receives, then answers it with the next status the test queued (200 when none is left), after
/// <see cref="Before"/> when the test holds requests.
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly Queue<HttpStatusCode> _answers;
    private readonly Task _serving;

    /// <summary>Starts listening; <paramref name="answers"/> answer the first requests, in order.</summary>
    public WebhookListener(params HttpStatusCode[] answers)
    {
        _answers = new Queue<HttpStatusCode>(answers);
        Url = $"http://127.0.0.1:{FreePorts.Next()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The URL to give as a recipient.</summary>
    public string Url { get; }

    /// <summary>Awaited before a request is answered (after the test was handed it): hold a request here.</summary>
    public Func<Received, Task>? Before { get; set; }

    /// <summary>The next request received.</summary>
    public async Task<Received> NextAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            _ = AnswerAsync(context);
        }
    }

    // Each request on its own, so one held request does not hold the next.
    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            HttpStatusCode status;
            lock (_answers)
            {
                status = _answers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
            }

            var received = new Received(body.ToArray(), context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!), status, context.Request.Url?.AbsolutePath ?? "");
            _received.Writer.TryWrite(received);
            if (Before is { } before)
            {
                await before(received);
            }

            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The sender went away (its silo was killed) or the listener stopped.
        }
    }

    /// <summary>One request: its body, headers, the status it was answered with, and its path.</summary>
    public sealed record Received(byte[] Body, Dictionary<string, string> Headers, HttpStatusCode AnsweredWith, string Path);
}
