using System.Text.Json;
using System.Text.Json.Serialization;

namespace Activity.Grains.Audit;

/// <summary>One event as the audit log shows it: everything the sender sent, and when it was received.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Sequence">Its place in the tenant's log (not shown: the page cursor carries it).</param>
/// <param name="Type">The event type.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ItemId">What it was done to.</param>
/// <param name="ItemOwnerId">Whose item that is.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="ReceivedAt">When the service accepted it.</param>
/// <param name="Status">Its status, if sent.</param>
/// <param name="Environment">Its environment, if sent.</param>
/// <param name="RequestId">Its request id, if sent.</param>
/// <param name="IpAddress">The client's IP address, if sent.</param>
/// <param name="Details">Its details, if sent.</param>
/// <param name="Payload">Its payload, if sent.</param>
public sealed record AuditEntry(
    Guid Id,
    [property: JsonIgnore] long Sequence,
    string Type,
    string ActorId,
    string? ItemId,
    string? ItemOwnerId,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string? Status,
    string? Environment,
    string? RequestId,
    string? IpAddress,
    string? Details,
    JsonElement? Payload);
