using System.Threading.Channels;
using Activity.Abstractions.Ingest;
using Activity.Domain.Feed;
using Activity.Grains.Projections;
using Activity.Grains.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Ingest;

/// <summary>
/// Makes accepted events durable with group commit: concurrent emits wait in a queue, and each write
/// appends everything waiting at once, then acknowledges those emits and hands the new events to their
/// tenants' projections (<see cref="TenantProjections"/>, which would otherwise read them back from the
/// log). An emit returns only after its events are in the log.
/// </summary>
/// <remarks>
/// One write is in flight at a time by default (<see cref="IngestOptions.ConcurrentCommits"/>): writes
/// that share a tenant queue on its row lock in the database anyway, and while one write runs the next
/// gathers everything that arrives, so fewer, larger writes do more with less. Writes stay correct when
/// they overlap, because the log orders each tenant's appends by a row lock held to commit.
/// </remarks>
public sealed partial class EventIngestor(
    IEventLog log,
    TenantProjections projections,
    TimeProvider timeProvider,
    IngestMetrics metrics,
    IOptions<IngestOptions> options,
    ILogger<EventIngestor> logger) : IHostedService
{
    private readonly Channel<PendingEmit> _pending = Channel.CreateUnbounded<PendingEmit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _commitSlots = new(options.Value.ConcurrentCommits, options.Value.ConcurrentCommits);
    private Task _writer = Task.CompletedTask;

    /// <summary>Stamps, numbers and durably appends one emit's events, which met <see cref="EventRules"/>; returns their ids once durable.</summary>
    /// <exception cref="IngestUnavailableException">The silo is stopping and takes no more events, or the log cannot be written.</exception>
    public Task<IReadOnlyList<Guid>> EmitAsync(string tenantId, IReadOnlyList<EventInput> inputs)
    {
        var receivedAt = timeProvider.GetUtcNow();
        var events = inputs.Select(e => new NewEvent(
            tenantId,
            EventIds.New(receivedAt),
            e.Type,
            e.ActorId,
            e.ItemId,
            e.ItemOwnerId,
            e.OccurredAt?.ToUniversalTime() ?? receivedAt,
            receivedAt,
            e.Payload,
            e.IdempotencyKey,
            AuditFields.Of(e))).ToList();

        var emit = new PendingEmit(events, timeProvider.GetTimestamp(), ActivityTracing.CurrentParent());
        if (!_pending.Writer.TryWrite(emit))
        {
            metrics.Refused(IngestMetrics.Unavailable, events.Count);
            throw new IngestUnavailableException("The silo is shutting down and takes no more events; nothing was stored. Send them to another silo or retry.");
        }

        // The write goes ahead whatever the caller does, so there is nothing to cancel: a caller that
        // went away and retries with the same idempotency key is acknowledged with the same ids.
        return emit.Completion.Task;
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
                metrics.Refused(IngestMetrics.Unavailable, emit.Events.Count);
                emit.Completion.TrySetException(new IngestUnavailableException("The silo stopped before these events could be written; nothing was stored. Retry on another silo."));
            }
        }
    }

    private async Task WriteAsync()
    {
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            // Waiting for a free slot lets emits pile up: the next write takes them all.
            await _commitSlots.WaitAsync().ConfigureAwait(false);
            var batch = new List<PendingEmit>();
            var events = 0;
            while (events < options.Value.MaxEventsPerCommit && reader.TryRead(out var emit))
            {
                batch.Add(emit);
                events += emit.Events.Count;
            }

            _ = CommitAndReleaseAsync(batch);
        }

        // Stopping: wait for the writes still in flight.
        for (var slot = 0; slot < options.Value.ConcurrentCommits; slot++)
        {
            await _commitSlots.WaitAsync().ConfigureAwait(false);
        }
    }

    // Never throws: CommitAsync settles every emit of its batch either way.
    private async Task CommitAndReleaseAsync(List<PendingEmit> batch)
    {
        try
        {
            await CommitAsync(batch).ConfigureAwait(false);
        }
        finally
        {
            _commitSlots.Release();
        }
    }

    private async Task CommitAsync(List<PendingEmit> batch)
    {
        AppendResult result;
        // Most commits carry no sampled emit: they pay one scan, not an enumerator.
        using var span = batch.Exists(static e => e.Trace is not null) ? ActivityTracing.StartFromAny("ingest.commit", batch.Select(e => e.Trace)) : null;
        span?.SetTag("activity.events", batch.Sum(e => e.Events.Count));
        var started = timeProvider.GetTimestamp();
        try
        {
            result = await log.AppendAsync([.. batch.SelectMany(e => e.Events)], options.Value.IdempotencyWindow, CancellationToken.None).ConfigureAwait(false);
        }
        catch (EventsRejectedException) when (batch.Count > 1)
        {
            // Validation missed something the database refuses, and one emit's data failed the whole
            // write: write each emit on its own, so only the one at fault fails.
            foreach (var emit in batch)
            {
                await CommitAsync([emit]).ConfigureAwait(false);
            }

            return;
        }
        catch (EventsRejectedException exception)
        {
            LogEventsRejected(logger, exception, batch[0].Events.Count);
            metrics.Refused(IngestMetrics.Rejected, batch[0].Events.Count);
            batch[0].Completion.TrySetException(exception);
            return;
        }
        catch (Exception exception)
        {
            // Nothing was acknowledged, so nothing is lost: every waiting emit fails and its sender retries.
            LogAppendFailed(logger, exception, batch.Sum(e => e.Events.Count));
            metrics.Refused(IngestMetrics.Unavailable, batch.Sum(e => e.Events.Count));
            foreach (var emit in batch)
            {
                emit.Completion.TrySetException(new IngestUnavailableException("The event log could not be written; nothing was stored. Retry the request.", exception));
            }

            return;
        }

        var committed = timeProvider.GetTimestamp();
        metrics.Committed(result.Ids.Count, timeProvider.GetElapsedTime(started, committed));
        metrics.Accepted(result.Ids.Count);
        var offset = 0;
        var appended = result.Ranges.ToDictionary(r => r.Key, _ => new List<LoggedEvent>());
        HashSet<string>? traced = null;
        foreach (var emit in batch)
        {
            if (span is not null && emit.Trace is not null)
            {
                (traced ??= []).Add(emit.Events[0].TenantId);
            }

            metrics.Appended(timeProvider.GetElapsedTime(emit.Enqueued, committed));
            emit.Completion.TrySetResult([.. result.Ids.Skip(offset).Take(emit.Events.Count)]);
            foreach (var e in emit.Events)
            {
                var sequence = result.Sequences[offset++];
                if (sequence > 0)
                {
                    appended[e.TenantId].Add(new LoggedEvent(e.Id, sequence, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt, e.Payload));
                }
            }
        }

        foreach (var (tenantId, events) in appended)
        {
            Hand(tenantId, result.Ranges[tenantId], events, traced?.Contains(tenantId) == true ? span!.Id : null);
        }
    }

    // The events are durable already; a projection that does not get them here reads them from the log
    // at its next gap, wake-up or sweep, so nothing waits for the calls. One write gives each tenant a
    // range of sequences: one batch covers it, with what it holds (repeats leave sequences empty, and a
    // batch of only repeats moves the projections past them all the same).
    private void Hand(string tenantId, LogRange range, List<LoggedEvent> events, string? trace)
    {
        var batch = new EventBatch(range.First, range.Last, events, trace);
        var rangeOnly = batch with { Events = [] };
        foreach (var projection in projections.All)
        {
            Call(tenantId, projection.Name, () => projections.Of(projection, tenantId).AppendedAsync(projection.Events ? batch : rangeOnly));
        }
    }

    private void Call(string tenantId, string to, Func<Task> handOver)
    {
        Task call;
        try
        {
            call = handOver();
        }
        catch (Exception exception)
        {
            call = Task.FromException(exception);
        }

        call.OnFailure(exception => LogHandOverFailed(logger, exception, to, tenantId));
    }

    private sealed class PendingEmit(List<NewEvent> events, long enqueued, string? trace)
    {
        /// <summary>The emit's span, when it is recorded: the commit that writes it joins its trace.</summary>
        public string? Trace { get; } = trace;

        public List<NewEvent> Events { get; } = events;

        /// <summary>When it reached the ingestor (<see cref="TimeProvider.GetTimestamp"/>).</summary>
        public long Enqueued { get; } = enqueued;

        // Each emit's remaining work (its response) runs on its own, not inside the write that finished it.
        public TaskCompletionSource<IReadOnlyList<Guid>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Count} events to the log failed; their emits fail and will be retried by their senders")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event log refused the data of an emit of {Count} events; that emit fails with 400 and nothing of it was stored")]
    private static partial void LogEventsRejected(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing new events to the {To} of tenant {TenantId} failed; they are read from the log at the next wake-up or sweep")]
    private static partial void LogHandOverFailed(ILogger logger, Exception exception, string to, string tenantId);
}
