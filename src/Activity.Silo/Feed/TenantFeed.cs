using System.Diagnostics;
using Activity.Grains.Feed;
using Activity.Grains.Telemetry;
using Orleans.Streams;

namespace Activity.Silo.Feed;

/// <summary>
/// This silo's one subscription to a tenant's feed stream, shared by the tenant's SSE clients here.
/// Changes reach the clients once each, in order, without gaps: change ids are the tenant's gapless
/// sequence, so an item that starts after the last one delivered means an item was lost (a memory
/// stream loses what a dying silo held), and the missing changes are read from the change log first.
/// </summary>
internal sealed partial class TenantFeed(string tenantId, IClusterClient cluster, IFeedStore store, FeedStreamMetrics streamMetrics, SseMetrics sseMetrics, ILogger logger)
{
    private const int Page = 500;

    // Deliveries from the stream, catch-ups and joins take turns, so _last and the listeners agree.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly List<FeedListener> _listeners = [];
    private StreamSubscriptionHandle<FeedChanges>? _subscription;
    private long _last;

    /// <summary>The tenant.</summary>
    public string TenantId { get; } = tenantId;

    /// <summary>Clients that joined (or are joining) and have not left; kept by <see cref="FeedFanout"/> under its lock.</summary>
    public int Holders { get; set; }

    /// <summary>The subscription being made; joins wait for it.</summary>
    public Task Started { get; set; } = Task.CompletedTask;

    /// <summary>Subscribes, then reads where the feed is.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            // Subscribe before reading the last change id: a change is then at or below it, or delivered
            // by the stream, or both (and then sent once, by id), never neither.
            var stream = cluster.GetStreamProvider(FeedStreams.Provider).GetStream<FeedChanges>(FeedStreams.Of(TenantId));
            _subscription = await stream.SubscribeAsync((item, _) => OnNextAsync(item));
            _last = await store.LastChangeAsync(TenantId, cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Adds a client; it gets every change after <see cref="FeedListener.Baseline"/>.</summary>
    public async Task AddAsync(FeedListener listener, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            listener.Baseline = _last;
            _listeners.Add(listener);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Removes a client.</summary>
    public async Task RemoveAsync(FeedListener listener)
    {
        await _turn.WaitAsync();
        try
        {
            _listeners.Remove(listener);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Delivers the changes the stream has not (yet) brought.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            await FillAsync(long.MaxValue, cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Ends the stream of every client here now (the tenant's key was rotated); the feed stays for those who come back.</summary>
    public async Task RevokeAsync()
    {
        await _turn.WaitAsync();
        try
        {
            foreach (var listener in _listeners)
            {
                listener.Revoke();
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Unsubscribes and ends the clients still here.</summary>
    public async Task StopAsync()
    {
        await _turn.WaitAsync();
        try
        {
            foreach (var listener in _listeners)
            {
                listener.End();
            }

            _listeners.Clear();
            if (_subscription is { } subscription)
            {
                _subscription = null;
                await subscription.UnsubscribeAsync();
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    // A failure here (the change log cannot be read) fails the delivery, and the stream delivers again.
    private async Task OnNextAsync(FeedChanges item)
    {
        await _turn.WaitAsync();
        try
        {
            streamMetrics.Delivered();
            using var span = ActivityTracing.StartFrom("sse.deliver", item.Trace, ActivityKind.Consumer);
            var first = item.Changes[0].Sequence;
            LogReceived(logger, TenantId, first, item.Changes[^1].Sequence, _last);
            if (first > _last + 1)
            {
                await FillAsync(first - 1, CancellationToken.None);
            }

            Deliver(item.Changes, span?.Id);
        }
        finally
        {
            _turn.Release();
        }
    }

    // Reads and delivers the change log from _last up to `through`.
    private async Task FillAsync(long through, CancellationToken cancellationToken)
    {
        while (_last < through)
        {
            var page = await store.ReadChangesAsync(TenantId, _last, Page, cancellationToken);
            if (page.Count > 0)
            {
                sseMetrics.CaughtUp("gap");
                LogFilled(logger, TenantId, page[0].Sequence, page[^1].Sequence);
            }

            Deliver(page.Where(c => c.Sequence <= through), trace: null);
            if (page.Count < Page)
            {
                return;
            }
        }
    }

    private void Deliver(IEnumerable<FeedChangeRecord> changes, string? trace)
    {
        List<FeedListener>? behind = null;
        foreach (var change in changes)
        {
            if (change.Sequence <= _last)
            {
                continue;
            }

            foreach (var listener in _listeners)
            {
                if (!listener.Offer(change, trace))
                {
                    (behind ??= []).Add(listener);
                }
            }

            _last = change.Sequence;
        }

        if (behind is not null)
        {
            _listeners.RemoveAll(behind.Contains);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live feed of tenant {TenantId}: changes {First}-{Last} from the stream (last delivered {Delivered})")]
    private static partial void LogReceived(ILogger logger, string tenantId, long first, long last, long delivered);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live feed of tenant {TenantId}: changes {First}-{Last} read from the change log")]
    private static partial void LogFilled(ILogger logger, string tenantId, long first, long last);
}
