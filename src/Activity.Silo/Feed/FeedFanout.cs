using Activity.Grains.Feed;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Feed;

/// <summary>
/// Live feed changes for this silo's SSE clients: one stream subscription per tenant that has clients
/// here (not one per client), made on the first client's arrival and dropped with the last one's
/// departure. Besides what the streams deliver, every tenant is checked against its change log
/// whenever a silo dies and every <see cref="StreamOptions.CatchUpInterval"/>, so a change an item
/// lost with a dead silo carried reaches clients even when no later change reveals the gap. When the
/// silo begins to stop, every client's stream ends at once, so it reconnects (with Last-Event-ID) to
/// another silo and the silo's shutdown does not wait for streams that never end.
/// </summary>
internal sealed partial class FeedFanout(
    IClusterClient cluster,
    IFeedStore store,
    IClusterMembershipService membership,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    FeedStreamMetrics streamMetrics,
    SseMetrics sseMetrics,
    IOptions<StreamOptions> options,
    ILogger<FeedFanout> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TenantFeed> _feeds = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;
    private Task? _ending;
    private CancellationTokenRegistration _onStopping;

    /// <summary>Joins the tenant's feed on this silo; the listener gets every change after its baseline.</summary>
    public async Task<FeedListener> JoinAsync(string tenantId, CancellationToken cancellationToken)
    {
        TenantFeed feed;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                throw new InvalidOperationException("The silo is stopping.");
            }

            if (!_feeds.TryGetValue(tenantId, out feed!))
            {
                feed = new TenantFeed(tenantId, cluster, store, streamMetrics, sseMetrics, logger);
                feed.Started = feed.StartAsync(_stopping.Token);
                _feeds[tenantId] = feed;
            }

            feed.Holders++;
        }

        try
        {
            await feed.Started.WaitAsync(cancellationToken);
            var listener = new FeedListener(tenantId, options.Value.ClientBuffer);
            await feed.AddAsync(listener, cancellationToken);
            return listener;
        }
        catch
        {
            await ReleaseAsync(feed);
            throw;
        }
    }

    /// <summary>Leaves; the last client of a tenant here ends the subscription.</summary>
    public async Task LeaveAsync(FeedListener listener)
    {
        TenantFeed? feed;
        lock (_gate)
        {
            _feeds.TryGetValue(listener.TenantId, out feed);
        }

        if (feed is not null)
        {
            await feed.RemoveAsync(listener);
            await ReleaseAsync(feed);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watching = Task.WhenAll(WatchDeathsAsync(_stopping.Token), CatchUpPeriodicallyAsync(_stopping.Token));
        _onStopping = lifetime.ApplicationStopping.Register(() => _ending = EndAsync());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _onStopping.DisposeAsync();
        await (_ending ?? EndAsync()).WaitAsync(cancellationToken);
        await _watching.WaitAsync(cancellationToken);
    }

    /// <summary>Ends every stream of the tenant on this silo (its key was rotated, see <c>RotationNotice</c>).</summary>
    public Task RevokeAsync(string tenantId)
    {
        TenantFeed? feed;
        lock (_gate)
        {
            _feeds.TryGetValue(tenantId, out feed);
        }

        return feed?.RevokeAsync() ?? Task.CompletedTask;
    }

    // Every client's stream ends now, and no client joins any more.
    private async Task EndAsync()
    {
        List<TenantFeed> feeds;
        lock (_gate)
        {
            _stopping.Cancel();
            feeds = [.. _feeds.Values];
            _feeds.Clear();
        }

        await Task.WhenAll(feeds.Select(StopQuietlyAsync));
    }

    private async Task ReleaseAsync(TenantFeed feed)
    {
        lock (_gate)
        {
            if (--feed.Holders > 0 || !_feeds.Remove(feed.TenantId, out var removed) || removed != feed)
            {
                return;
            }
        }

        await StopQuietlyAsync(feed);
    }

    private async Task StopQuietlyAsync(TenantFeed feed)
    {
        try
        {
            await feed.StopAsync();
        }
        catch (Exception exception)
        {
            // The subscription is left to Orleans, which drops consumers that no longer answer.
            LogUnsubscribeFailed(logger, exception, feed.TenantId);
        }
    }

    private async Task WatchDeathsAsync(CancellationToken cancellationToken)
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                // The first snapshot lists silos that died before this one started: nothing to catch up on.
                var died = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (!first && died.Count > 0)
                {
                    LogSiloDied(logger, string.Join(", ", died.Select(m => m.SiloAddress)));
                    await CatchUpAllAsync(cancellationToken);
                }

                first = false;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task CatchUpPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatchUpInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await CatchUpAllAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task CatchUpAllAsync(CancellationToken cancellationToken)
    {
        List<TenantFeed> feeds;
        lock (_gate)
        {
            feeds = [.. _feeds.Values.Where(f => f.Started.IsCompletedSuccessfully)];
        }

        foreach (var feed in feeds)
        {
            try
            {
                await feed.CatchUpAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCatchUpFailed(logger, exception, feed.TenantId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo(s) {Silos} died; checking this silo's live feeds against their change logs")]
    private static partial void LogSiloDied(ILogger logger, string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the live feed of tenant {TenantId} against its change log failed; the next check tries again")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing from the feed stream of tenant {TenantId} failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string tenantId);
}
