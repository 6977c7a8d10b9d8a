using System.Net;
using System.Threading.Channels;
using Activity.Testing;

namespace Activity.Grains.Tests.Reports;

/// <summary>
/// A real HTTP endpoint on a free local port: answers each POST with the next status the test queued
/// (200 when none is left) and hands the test every request it received.
/// </summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly Queue<HttpStatusCode> _answers;
    private readonly Task _serving;

    public WebhookListener(params HttpStatusCode[] answers)
    {
        _answers = new Queue<HttpStatusCode>(answers);
        Url = $"http://127.0.0.1:{FreePorts.Next()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Url { get; }

    public async Task<Received> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var status = _answers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
            _received.Writer.TryWrite(new Received(body.ToArray(), context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!), status));
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }

    public sealed record Received(byte[] Body, Dictionary<string, string> Headers, HttpStatusCode AnsweredWith);
}
