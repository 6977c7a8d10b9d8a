using System.Text.Json;
using Orleans;

namespace Activity.Domain.Feed;

/// <summary>An event as read back from the log: durable and numbered within its tenant; what every projection applies.</summary>
/// <param name="Id">Assigned at ingest (UUIDv7, so ids sort by time).</param>
/// <param name="Sequence">Position in the tenant's event log; projections apply events in this order.</param>
/// <param name="Type">The event type name.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ItemId">What it was done to, if anything.</param>
/// <param name="ItemOwnerId">Whose that item is, if known.</param>
/// <param name="OccurredAt">When it happened, by the sender's account.</param>
/// <param name="ReceivedAt">When the service accepted it: this, not OccurredAt, opens and fills windows.</param>
/// <param name="Payload">The sender's JSON object, if any.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.LoggedEvent")]
public sealed record LoggedEvent(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] string ActorId,
    [property: Id(4)] string? ItemId,
    [property: Id(5)] string? ItemOwnerId,
    [property: Id(6)] DateTimeOffset OccurredAt,
    [property: Id(7)] DateTimeOffset ReceivedAt,
    [property: Id(8)] JsonElement? Payload);
