using System.Text.Json;

namespace Activity.Grains.Ingest;

/// <summary>An event as a sender described it, already validated.</summary>
/// <param name="Type">The event type name.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ItemId">What it was done to.</param>
/// <param name="ItemOwnerId">Whose item that is.</param>
/// <param name="OccurredAt">When it happened; null means "when received".</param>
/// <param name="Payload">A JSON object.</param>
/// <param name="IdempotencyKey">Makes retries safe: the same key within 24 hours is the same event.</param>
/// <param name="Audit">The audit-trail fields, when any is set.</param>
public sealed record EventDraft(string Type, string ActorId, string? ItemId, string? ItemOwnerId, DateTimeOffset? OccurredAt, JsonElement? Payload, string? IdempotencyKey, AuditFields? Audit = null);
