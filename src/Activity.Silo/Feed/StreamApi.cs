using System.Globalization;
using Activity.Grains.Feed;
using Activity.Grains.Telemetry;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Feed;

/// <summary>
/// <c>GET /api/activity/stream</c>: the tenant's feed changes as Server-Sent Events. Each message has an
/// <c>id:</c> (the change sequence); a client that reconnects with <c>Last-Event-ID</c> (header, or the
/// <c>lastEventId</c> query) first gets what it missed from the change log, then live changes, on any
/// silo. A client that stops reading is cut off instead of growing the silo's memory, and resumes the
/// same way; so does every client of a silo that stops.
/// </summary>
internal static partial class StreamApi
{
    private const int ReplayPage = 500;

    public static async Task StreamAsync(
        HttpContext http,
        IFeedStore store,
        FeedFanout fanout,
        TimeProvider timeProvider,
        IOptions<StreamOptions> options,
        ILoggerFactory loggers,
        TenantResolver keys,
        UserTokens tokens,
        SseMetrics metrics)
    {
        var aborted = http.RequestAborted;
        if (!TryReadLastEventId(http.Request, out var lastEventId))
        {
            await Problems.BadRequest("Last-Event-ID (or lastEventId) must be the id of an earlier message: a whole number of 0 or more.").ExecuteAsync(http);
            return;
        }

        var tenantId = http.User.TenantId();
        var logger = loggers.CreateLogger(typeof(StreamApi));
        FeedListener listener;
        try
        {
            listener = await fanout.JoinAsync(tenantId, aborted);
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested)
        {
            LogJoinFailed(logger, exception, tenantId);
            http.Response.Headers.RetryAfter = "1";
            await Problems.Unavailable("This silo cannot follow the feed right now; reconnect (another silo may take the stream).").ExecuteAsync(http);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            // Asked again once joined: a key rotated between the check at the door and the join would
            // otherwise leave this stream out of the rotation's ending of the tenant's streams.
            if (!await StillValidAsync(http, keys, tokens))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "The tenant's key was rotated; use the new key or a new user token.").ExecuteAsync(http);
                return;
            }

            metrics.Connected(+1);
            try
            {
                await StreamAsync(http, listener, lastEventId, store, timeProvider, options.Value, metrics, logger);
            }
            finally
            {
                metrics.Connected(-1);
            }
        }
        finally
        {
            await fanout.LeaveAsync(listener);
        }
    }

    private static async Task StreamAsync(HttpContext http, FeedListener listener, long? lastEventId, IFeedStore store, TimeProvider timeProvider, StreamOptions options, SseMetrics metrics, ILogger logger)
    {
        var aborted = http.RequestAborted;
        var tenantId = listener.TenantId;
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var sse = new SseWriter(response.BodyWriter);
        var client = new Client(http, timeProvider, options.WriteTimeout);
        try
        {
            // Armed before anything is sent, so the first keepalive is due 25 s after the client connected.
            Task? keepAlive = Task.Delay(options.KeepAlive, timeProvider, aborted);
            sse.Retry(3000);

            // Joined before reading the change log: a change is then in the replay, in the listener, or
            // both (and sent once, by id), never in neither.
            var sent = lastEventId is { } after ? await ReplayAsync(sse, client, store, tenantId, after, metrics, aborted) : listener.Baseline;
            await client.FlushAsync();

            Task<bool>? waiting = null;
            while (true)
            {
                waiting ??= listener.Changes.WaitToReadAsync(aborted).AsTask();
                keepAlive ??= Task.Delay(options.KeepAlive, timeProvider, aborted);
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
                    return; // the silo is stopping: the client reconnects, to another silo
                }

                waiting = null;
                var written = 0;
                System.Diagnostics.Activity? span = null;
                while (listener.Changes.TryRead(out var live))
                {
                    var change = live.Change;
                    if (change.Sequence > sent)
                    {
                        // The first traced change's trace gets the span of this write, flush included.
                        span ??= ActivityTracing.StartFrom("sse.write", live.Trace);
                        sse.Change(change.Sequence, change.Kind, change.Body);
                        sent = change.Sequence;
                        written++;
                    }
                }

                metrics.Written(written);
                using (span)
                {
                    await client.FlushAsync();
                }
            }
        }
        catch (SlowListenerException)
        {
            metrics.Dropped("buffer_full");
            LogSlowClientDropped(logger, tenantId);
        }
        catch (AccessRevokedException)
        {
            LogAccessRevoked(logger, tenantId);
        }
        catch (SlowClientException)
        {
            metrics.Dropped("write_timeout");
            LogSlowClientTimedOut(logger, tenantId, options.WriteTimeout);
            http.Abort();
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task<bool> StillValidAsync(HttpContext http, TenantResolver keys, UserTokens tokens)
    {
        var credential = Credentials.Bearer(http.Request);
        return credential is not null && http.User.Identity?.AuthenticationType switch
        {
            AccessSchemes.TenantKey => await keys.ResolveAsync(credential, http.RequestAborted) is not null,
            AccessSchemes.UserToken => (await tokens.ValidateAsync(credential, http.RequestAborted)).Principal is not null,
            _ => false,
        };
    }

    private static async Task<long> ReplayAsync(SseWriter sse, Client client, IFeedStore store, string tenantId, long after, SseMetrics metrics, CancellationToken cancellationToken)
    {
        metrics.CaughtUp("resume");
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

            metrics.Written(page.Count);

            if (page.Count < ReplayPage)
            {
                return sent;
            }

            await client.FlushAsync();
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "An SSE client of tenant {TenantId} could not join the tenant's live feed on this silo")]
    private static partial void LogJoinFailed(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "An SSE client of tenant {TenantId} fell too far behind and was cut off; it resumes with Last-Event-ID")]
    private static partial void LogSlowClientDropped(ILogger logger, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A stream of tenant {TenantId} ended: the tenant's key was rotated")]
    private static partial void LogAccessRevoked(ILogger logger, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "An SSE client of tenant {TenantId} read nothing for {Timeout} and was disconnected")]
    private static partial void LogSlowClientTimedOut(ILogger logger, string tenantId, TimeSpan timeout);
}
