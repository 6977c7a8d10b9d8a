using System.Text.Json;

namespace Activity.Abstractions.Ingest;

/// <summary>
/// One event as an application emits it: the body of <c>POST /api/activity/emit</c> (or one element of its
/// array) and what <see cref="IIngestGrain"/> takes, checked by the same rules either way.
/// </summary>
/// <param name="Type">The event type name: a letter, then up to 63 letters, digits, '_', '.', ':' or '-'.</param>
/// <param name="ActorId">Who did it (1–256 characters).</param>
/// <param name="ItemId">What it was done to (at most 256).</param>
/// <param name="ItemOwnerId">Whose item that is (at most 256).</param>
/// <param name="OccurredAt">When it happened; null means when received. At most 5 minutes ahead of the silo's clock.</param>
/// <param name="Payload">A JSON object of at most 16 KB.</param>
/// <param name="IdempotencyKey">At most 128 characters: the same key within 24 hours is the same event.</param>
/// <param name="Status">Audit trail: an outcome such as "success" (at most 32 characters).</param>
/// <param name="Environment">Audit trail: where it happened, such as "production" (at most 32).</param>
/// <param name="RequestId">Audit trail: the sender's request or trace id (at most 128).</param>
/// <param name="IpAddress">Audit trail: the client's IPv4 or IPv6 address.</param>
/// <param name="Details">Audit trail: free text (at most 2,000 characters).</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.EventInput")]
public sealed record EventInput(
    string Type,
    string ActorId,
    string? ItemId = null,
    string? ItemOwnerId = null,
    DateTimeOffset? OccurredAt = null,
    JsonElement? Payload = null,
    string? IdempotencyKey = null,
    string? Status = null,
    string? Environment = null,
    string? RequestId = null,
    string? IpAddress = null,
    string? Details = null);
