using System.Threading.Channels;
using Activity.Grains.Feed;
using Activity.Runtime.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Ingest;

/// <summary>
/// Makes accepted events durable with group commit: concurrent emits wait in a queue, and one writer
/// appends everything waiting in a single write, then acknowledges each emit and wakes the feed grains
/// of the tenants it wrote for. An emit returns only after its events are in the log.
/// </summary>
public sealed partial class EventIngestor(
    IActivityQueue queue,
    IGrainFactory grains,
    TimeProvider timeProvider,
    IOptions<IngestOptions> options,
    ILogger<EventIngestor> logger) : IHostedService
{
    private readonly Channel<PendingEmit> _pending = Channel.CreateUnbounded<PendingEmit>(new UnboundedChannelOptions { SingleReader = true });
    private Task _writer = Task.CompletedTask;

    /// <summary>Stamps, numbers and durably appends one request's events; returns their ids once durable.</summary>
    /// <exception cref="SiloUnavailableException">The silo is stopping and takes no more events.</exception>
    public Task<IReadOnlyList<Guid>> EmitAsync(string tenantId, IReadOnlyList<EventDraft> drafts, CancellationToken cancellationToken)
    {
        var receivedAt = timeProvider.GetUtcNow();
        var events = drafts.Select(d => new QueuedEvent(
            tenantId,
            Guid.CreateVersion7(receivedAt),
            d.Type,
            d.ActorId,
            d.ItemId,
            d.ItemOwnerId,
            d.OccurredAt ?? receivedAt,
            receivedAt,
            d.Payload,
            d.IdempotencyKey)).ToList();

        var emit = new PendingEmit(events);
        if (!_pending.Writer.TryWrite(emit))
        {
            throw new SiloUnavailableException("The silo is shutting down and takes no more events; send them to another silo or retry.");
        }

        // The write goes ahead even if this caller stops waiting: a retry with the same
        // idempotency key is then acknowledged with the same ids.
        return emit.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not BackgroundService: its loop never runs when a stop comes before the loop was scheduled,
        // and emits already waiting would then wait forever.
        _writer = Task.Run(WriteAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Take nothing new and write what is waiting. If the host runs out of patience first, the
        // emits still waiting fail (nothing of theirs was acknowledged) rather than hang their callers.
        _pending.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            while (_pending.Reader.TryRead(out var emit))
            {
                emit.Completion.TrySetException(new SiloUnavailableException("The silo stopped before these events could be written; nothing was stored. Retry on another silo."));
            }
        }
    }

    private async Task WriteAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<PendingEmit>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var events = 0;
            while (events < options.Value.MaxEventsPerCommit && reader.TryRead(out var emit))
            {
                batch.Add(emit);
                events += emit.Events.Count;
            }

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingEmit> batch)
    {
        AppendResult result;
        try
        {
            result = await queue.AppendAsync([.. batch.SelectMany(e => e.Events)], options.Value.IdempotencyWindow, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Nothing was acknowledged, so nothing is lost: every waiting emit fails and its sender retries.
            LogAppendFailed(logger, exception, batch.Sum(e => e.Events.Count));
            foreach (var emit in batch)
            {
                emit.Completion.TrySetException(new IngestUnavailableException("The event log could not be written; nothing was stored. Retry the request.", exception));
            }

            return;
        }

        var offset = 0;
        foreach (var emit in batch)
        {
            emit.Completion.TrySetResult([.. result.Ids.Skip(offset).Take(emit.Events.Count)]);
            offset += emit.Events.Count;
        }

        foreach (var (tenantId, lastSequence) in result.LastSequences)
        {
            Wake(tenantId, lastSequence);
        }
    }

    // The events are durable already; the feed grain applies them when woken, or at the next sweep.
    private void Wake(string tenantId, long lastSequence)
    {
        Task call;
        try
        {
            call = grains.GetGrain<IFeedGrain>(tenantId).ProcessAsync(lastSequence);
        }
        catch (Exception exception)
        {
            call = Task.FromException(exception);
        }

        call.ContinueWith(
            static (task, state) =>
            {
                var (logger, tenantId) = ((ILogger, string))state!;
                LogWakeFailed(logger, task.Exception!.InnerException!, tenantId);
            },
            ((ILogger)logger, tenantId),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private sealed class PendingEmit(List<QueuedEvent> events)
    {
        public List<QueuedEvent> Events { get; } = events;

        public TaskCompletionSource<IReadOnlyList<Guid>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Count} events to the log failed; their emits fail and will be retried by their senders")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the feed of tenant {TenantId} failed; the feed sweep applies its events later")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string tenantId);
}
