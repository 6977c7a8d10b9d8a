using System.Globalization;
using Activity.Grains.Feed;
using Activity.Runtime.Streams;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Feed;

/// <summary>
/// <c>GET /api/activity/stream</c>: the tenant's feed changes as Server-Sent Events. Each message has an
/// <c>id:</c> (the change sequence); a client that reconnects with <c>Last-Event-ID</c> (header, or the
/// <c>lastEventId</c> query) first gets what it missed from the change log, then live changes. A
/// client that stops reading is cut off instead of growing the silo's memory, and resumes the same way.
/// </summary>
internal static partial class StreamApi
{
    private const int ReplayPage = 500;

    public static async Task StreamAsync(
        HttpContext http,
        IFeedStore store,
        IStreamProvider streams,
        TimeProvider timeProvider,
        IOptions<StreamOptions> options,
        ILoggerFactory loggers)
    {
        var aborted = http.RequestAborted;
        if (!TryReadLastEventId(http.Request, out var lastEventId))
        {
            await Problems.BadRequest("Last-Event-ID (or lastEventId) must be the id of an earlier message: a whole number of 0 or more.").ExecuteAsync(http);
            return;
        }

        var tenantId = http.User.TenantId();
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Subscribe before reading the change log: a change is then in the log, in the live buffer, or
        // both (and sent once, by id), never in neither.
        await using var subscription = streams.GetStream<FeedChangeMessage>(FeedChangeMessage.StreamNamespace, tenantId).Subscribe();
        var sse = new SseWriter(response.BodyWriter);
        var client = new Client(http, timeProvider, options.Value.WriteTimeout);
        var logger = loggers.CreateLogger(typeof(StreamApi));
        try
        {
            // Armed before anything is sent, so the first keepalive is due 25 s after the client connected.
            Task? keepAlive = Task.Delay(options.Value.KeepAlive, timeProvider, aborted);
            sse.Retry(3000);
            var sent = lastEventId is { } after ? await ReplayAsync(sse, client, store, tenantId, after, aborted) : 0;
            await client.FlushAsync();

            Task<bool>? waiting = null;
            while (true)
            {
                waiting ??= subscription.WaitToReadAsync(aborted).AsTask();
                keepAlive ??= Task.Delay(options.Value.KeepAlive, timeProvider, aborted);
                await Task.WhenAny(waiting, keepAlive);
                aborted.ThrowIfCancellationRequested();
                if (!waiting.IsCompleted)
                {
                    keepAlive = null;
                    sse.Comment("keepalive");
                    await client.FlushAsync();
                    continue;
                }

                if (!await waiting)
                {
                    return; // the stream ended: the silo is stopping; the client reconnects elsewhere
                }

                waiting = null;
                sent = WriteBuffered(sse, subscription, sent);
                await client.FlushAsync();
            }
        }
        catch (StreamSubscriberDroppedException)
        {
            LogSlowClientDropped(logger, tenantId);
        }
        catch (SlowClientException)
        {
            LogSlowClientTimedOut(logger, tenantId, options.Value.WriteTimeout);
            http.Abort();
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task<long> ReplayAsync(SseWriter sse, Client client, IFeedStore store, string tenantId, long after, CancellationToken cancellationToken)
    {
        var sent = after;
        var first = true;
        while (true)
        {
            var page = await store.ReadChangesAsync(tenantId, sent, ReplayPage, cancellationToken);
            if (first)
            {
                first = false;
                var gone = page.Count > 0 ? page[0].Sequence > after + 1 : after > await store.LastChangeAsync(tenantId, cancellationToken);
                if (gone)
                {
                    sse.Reset(after);
                }
            }

            foreach (var change in page)
            {
                sse.Change(change.Sequence, change.Kind, change.Body);
                sent = change.Sequence;
            }

            if (page.Count < ReplayPage)
            {
                return sent;
            }

            await client.FlushAsync();
        }
    }

    private static long WriteBuffered(SseWriter sse, StreamSubscription<FeedChangeMessage> subscription, long sent)
    {
        while (subscription.TryRead(out var item))
        {
            sent = Math.Max(sent, sse.Published(item.Payload.Span, sent));
        }

        return sent;
    }

    private static bool TryReadLastEventId(HttpRequest request, out long? lastEventId)
    {
        lastEventId = null;
        var text = request.Headers["Last-Event-ID"].ToString();
        if (text.Length == 0)
        {
            text = request.Query["lastEventId"].ToString();
        }

        if (text.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        lastEventId = id;
        return true;
    }

    // Flushes with a deadline: a client that does not read would otherwise hold the connection forever.
    private sealed class Client(HttpContext http, TimeProvider timeProvider, TimeSpan writeTimeout)
    {
        public async Task FlushAsync()
        {
            using var timeout = new CancellationTokenSource(writeTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, timeout.Token);
            try
            {
                await http.Response.BodyWriter.FlushAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
            {
                throw new SlowClientException();
            }
        }
    }

    private sealed class SlowClientException : Exception;

    [LoggerMessage(Level = LogLevel.Information, Message = "An SSE client of tenant {TenantId} fell too far behind and was cut off; it resumes with Last-Event-ID")]
    private static partial void LogSlowClientDropped(ILogger logger, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "An SSE client of tenant {TenantId} read nothing for {Timeout} and was disconnected")]
    private static partial void LogSlowClientTimedOut(ILogger logger, string tenantId, TimeSpan timeout);
}
