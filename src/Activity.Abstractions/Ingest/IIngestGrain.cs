namespace Activity.Abstractions.Ingest;

/// <summary>
/// Emits events from inside the cluster's network (Activity.Client's emitter): the same durable path and
/// the same rules as <c>POST /api/activity/emit</c>. A stateless worker: a call runs on the silo that
/// received it, and many calls share one group commit. Call it with key 0.
/// </summary>
[Alias("activity.IIngestGrain")]
public interface IIngestGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Appends the events to the tenant's log and answers once they are durable, with their ids in order
    /// (a repeated idempotency key gets its first event's id). A call is stored whole or not at all: if
    /// any event breaks a rule, or the tenant is unknown, nothing is stored and
    /// <see cref="EventsRefusedException"/> names every broken field. Throws
    /// <see cref="IngestUnavailableException"/> when the log cannot be written: nothing was stored, and
    /// the events can be sent again (their idempotency keys keep a retry from storing twice).
    /// </summary>
    [Alias("Emit")]
    Task<IReadOnlyList<Guid>> EmitAsync(string tenantId, IReadOnlyList<EventInput> events);
}
