namespace Activity.Abstractions.Ingest;

/// <summary>
/// Emits events from inside the cluster's network (Activity.Client's emitter): the same durable path as
/// <c>POST /api/activity/emit</c>. A stateless worker: a call runs on the silo that received it, and
/// many calls share one group commit. Call it with key 0.
/// </summary>
[Alias("activity.IIngestGrain")]
public interface IIngestGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Validates each event and appends the valid ones to the tenant's log; answers once they are
    /// durable, with one receipt per event, in order. A refused event stores nothing (and is refused
    /// again if sent again); an unknown tenant refuses every event. Throws
    /// <see cref="IngestUnavailableException"/> when the log cannot be written: nothing was stored, and
    /// the events can be sent again (their idempotency keys keep a retry from storing twice).
    /// </summary>
    [Alias("Emit")]
    Task<IReadOnlyList<EventReceipt>> EmitAsync(string tenantId, IReadOnlyList<EventInput> events);
}
