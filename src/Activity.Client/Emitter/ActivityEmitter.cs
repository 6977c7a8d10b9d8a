using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Activity.Abstractions.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Activity.Client.Emitter;

/// <summary>
/// The emitter: one loop sends what is buffered, a batch at a time per tenant, through the silos'
/// <see cref="IIngestGrain"/>. Counts are kept here and as the meter <c>Activity.Client</c>
/// (<c>activity.emitter.sent</c>, <c>.retried</c>, <c>.dropped</c>, <c>.refused</c>).
/// </summary>
internal sealed partial class ActivityEmitter : IActivityEmitter, IHostedService, IDisposable
{
    private static readonly Meter Meter = new("Activity.Client");
    private static readonly Counter<long> SentCounter = Meter.CreateCounter<long>("activity.emitter.sent", "{event}", "Events the cluster stored");
    private static readonly Counter<long> RetriedCounter = Meter.CreateCounter<long>("activity.emitter.retried", "{event}", "Events sent again after a failed call");
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("activity.emitter.dropped", "{event}", "Events dropped: buffer full or emitter stopped");
    private static readonly Counter<long> RefusedCounter = Meter.CreateCounter<long>("activity.emitter.refused", "{event}", "Events the cluster refused");

    private readonly IGrainFactory _grains;
    private readonly ActivityEmitterOptions _options;
    private readonly ILogger<ActivityEmitter> _logger;
    private readonly Channel<Queued> _queue;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Lock _gate = new();
    private readonly List<(long Through, TaskCompletionSource Done)> _flushes = [];
    private long _accepted, _settled, _sent, _retried, _dropped, _refused;
    private Task _sending = Task.CompletedTask;

    public ActivityEmitter(IGrainFactory grains, IOptions<ActivityEmitterOptions> options, TimeProvider timeProvider, ILogger<ActivityEmitter> logger)
    {
        _grains = grains;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<Queued>(
            new BoundedChannelOptions(_options.Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Settle(dropped: 1));
        _retry = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                // A refusal is final; anything else (a silo dying, the database down, no gateway yet)
                // passes, and the same idempotency keys make a retry safe.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not EventsRefusedException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstRetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                OnRetry = args =>
                {
                    var count = args.Context.Properties.GetValue(BatchCount, 0);
                    Interlocked.Add(ref _retried, count);
                    RetriedCounter.Add(count);
                    LogRetrying(_logger, args.Outcome.Exception, count, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static ResiliencePropertyKey<int> BatchCount { get; } = new("activity.batch");

    public EmitterCounts Counts => new(Interlocked.Read(ref _sent), Interlocked.Read(ref _retried), Interlocked.Read(ref _dropped), Interlocked.Read(ref _refused));

    public void Emit(EventInput activity) => Emit(_options.TenantId ?? "", activity);

    public void Emit(string tenantId, EventInput activity)
    {
        Interlocked.Increment(ref _accepted);
        try
        {
            // The key is made here, once: every retry of this event carries the same one.
            var keyed = activity.IdempotencyKey is null ? activity with { IdempotencyKey = "emitter:" + Guid.NewGuid().ToString("N") } : activity;
            if (!_queue.Writer.TryWrite(new Queued(tenantId, keyed)))
            {
                Settle(dropped: 1);
            }
        }
        catch (Exception exception)
        {
            // Never into the caller: an event that cannot even be queued is dropped and counted.
            LogEmitFailed(_logger, exception);
            Settle(dropped: 1);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var through = Interlocked.Read(ref _accepted);
            if (Interlocked.Read(ref _settled) >= through)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((through, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sending = Task.Run(SendLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    // Sends what is buffered for as long as the host lets it; what is still unsent then is dropped and counted.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _sending.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
            await _sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _abandon.Dispose();

    private async Task SendLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Queued>(_options.BatchSize);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.BatchSize && reader.TryRead(out var queued))
            {
                batch.Add(queued);
            }

            foreach (var tenant in batch.GroupBy(q => q.TenantId, StringComparer.Ordinal))
            {
                await SendAsync(tenant.Key, [.. tenant.Select(q => q.Activity)]);
            }
        }
    }

    // A call is stored whole or not at all, and a batch holds the events of many callers: the events a
    // refusal names are counted as refused, and the rest go again without them.
    private async Task SendAsync(string tenantId, List<EventInput> events)
    {
        while (events.Count > 0)
        {
            try
            {
                await SendOnceAsync(tenantId, events);
                Settle(sent: events.Count);
                return;
            }
            catch (EventsRefusedException exception)
            {
                var refused = exception.Refused.Count > 0 ? exception.Refused.ToHashSet() : [.. Enumerable.Range(0, events.Count)];
                LogRefused(_logger, refused.Count, tenantId, exception.Message);
                Settle(refused: refused.Count);
                events = [.. events.Where((_, i) => !refused.Contains(i))];
            }
            catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
            {
                LogAbandoned(_logger, events.Count);
                Settle(dropped: events.Count);
                return;
            }
        }
    }

    private async Task SendOnceAsync(string tenantId, List<EventInput> events)
    {
        var context = ResilienceContextPool.Shared.Get(_abandon.Token);
        context.Properties.Set(BatchCount, events.Count);
        try
        {
            await _retry.ExecuteAsync(
                static async (ctx, state) => await state.Grains.GetGrain<IIngestGrain>(0).EmitAsync(state.TenantId, state.Events).WaitAsync(ctx.CancellationToken),
                context,
                (Grains: _grains, TenantId: tenantId, Events: events));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private void Settle(long sent = 0, long refused = 0, long dropped = 0)
    {
        Add(ref _sent, SentCounter, sent);
        Add(ref _refused, RefusedCounter, refused);
        Add(ref _dropped, DroppedCounter, dropped);
        var settled = Interlocked.Add(ref _settled, sent + refused + dropped);
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            foreach (var flush in _flushes.Where(f => f.Through <= settled).ToList())
            {
                _flushes.Remove(flush);
                done.Add(flush.Done);
            }
        }

        done.ForEach(d => d.TrySetResult());
    }

    private static void Add(ref long total, Counter<long> counter, long count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref total, count);
            counter.Add(count);
        }
    }

    private sealed record Queued(string TenantId, EventInput Activity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} events to the Activity cluster failed; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception? exception, int count, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Activity cluster refused {Count} events of tenant {TenantId} (they are not retried): {Refusal}")]
    private static partial void LogRefused(ILogger logger, int count, string tenantId, string refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The emitter stopped before {Count} events were sent; they are dropped")]
    private static partial void LogAbandoned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event could not be queued; it is dropped")]
    private static partial void LogEmitFailed(ILogger logger, Exception exception);
}
