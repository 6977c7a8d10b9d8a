using System.Text.Json;

namespace Activity.Grains.Ingest;

/// <summary>An event that met <see cref="EventRules"/>, stamped with its tenant, id and receive time, on its way into the log.</summary>
/// <param name="TenantId">Whose event it is.</param>
/// <param name="Id">Assigned at ingest (UUIDv7).</param>
/// <param name="Type">The event type name.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ItemId">What it was done to.</param>
/// <param name="ItemOwnerId">Whose item that is.</param>
/// <param name="OccurredAt">When it happened (the sender's clock, or the receive time).</param>
/// <param name="ReceivedAt">When this service accepted it.</param>
/// <param name="Payload">The sender's JSON object.</param>
/// <param name="IdempotencyKey">The sender's key for retries: the same key within the window is one event.</param>
/// <param name="Audit">The audit-trail fields, when any is set.</param>
public sealed record NewEvent(
    string TenantId,
    Guid Id,
    string Type,
    string ActorId,
    string? ItemId,
    string? ItemOwnerId,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    JsonElement? Payload,
    string? IdempotencyKey,
    AuditFields? Audit = null);
