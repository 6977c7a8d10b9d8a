using System.Text.Json;

namespace Activity.Domain.Feed;

/// <summary>An event as the feed sees it: accepted, durable, and numbered within its tenant.</summary>
/// <param name="Id">Assigned at ingest (UUIDv7, so ids sort by time).</param>
/// <param name="Sequence">Position in the tenant's event log; the feed applies events in this order.</param>
/// <param name="Type">The event type name.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ItemId">What it was done to, if anything.</param>
/// <param name="ItemOwnerId">Whose that item is, if known.</param>
/// <param name="OccurredAt">When it happened, by the sender's account.</param>
/// <param name="ReceivedAt">When the service accepted it: this, not OccurredAt, opens and fills windows.</param>
/// <param name="Payload">The sender's JSON object, if any.</param>
public sealed record FeedEvent(
    Guid Id,
    long Sequence,
    string Type,
    string ActorId,
    string? ItemId,
    string? ItemOwnerId,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    JsonElement? Payload);
