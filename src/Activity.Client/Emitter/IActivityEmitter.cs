using Activity.Abstractions.Ingest;

namespace Activity.Client.Emitter;

/// <summary>
/// Fire-and-forget emits, as the product's <c>emitEvent</c> / <c>trackActivity</c>: a call never throws
/// into the caller and never waits. Events wait in a bounded buffer and are sent in batches, each with an
/// idempotency key (one is made when the event has none), and retried with backoff until the cluster
/// takes them, so a retry never stores an event twice. When the buffer is full the oldest event is
/// dropped and counted. Events the cluster refuses (invalid fields, unknown tenant) are counted and
/// logged, not retried.
/// </summary>
public interface IActivityEmitter
{
    /// <summary>Queues an event for the configured tenant (<see cref="ActivityEmitterOptions.TenantId"/>).</summary>
    void Emit(EventInput activity);

    /// <summary>Queues an event for a tenant.</summary>
    void Emit(string tenantId, EventInput activity);

    /// <summary>Completes when every event queued before the call is sent, refused or dropped (at shutdown, say).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>What became of the events so far.</summary>
    EmitterCounts Counts { get; }
}

/// <summary>What became of emitted events.</summary>
/// <param name="Sent">Stored by the cluster.</param>
/// <param name="Retried">Sends repeated after a failure (one per event per retry).</param>
/// <param name="Dropped">Dropped: the buffer was full (oldest first), or the emitter had stopped.</param>
/// <param name="Refused">Refused by the cluster (invalid, unknown tenant); not retried.</param>
public readonly record struct EmitterCounts(long Sent, long Retried, long Dropped, long Refused);
