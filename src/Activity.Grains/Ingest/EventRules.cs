using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Activity.Abstractions.Ingest;
using Activity.Domain.Events;

namespace Activity.Grains.Ingest;

/// <summary>
/// The rules an event meets before anything of it is stored, one place for both ways in: the REST
/// emit (which first checks the JSON's shape) and <see cref="IIngestGrain"/>. Each rule answers with
/// what to fix, or null.
/// </summary>
public static class EventRules
{
    /// <summary>The longest id a sender may use (actor, item, owner).</summary>
    public const int MaxIdLength = 256;

    /// <summary>The longest idempotency key.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>The longest event type name.</summary>
    public const int MaxTypeLength = 64;

    /// <summary>Why <paramref name="text"/> is not a field value of at most <paramref name="maxLength"/> characters.</summary>
    public static string? TextProblem(string text, int maxLength) =>
        string.IsNullOrWhiteSpace(text) ? "cannot be empty."
        : text.Length > maxLength ? string.Create(CultureInfo.InvariantCulture, $"is at most {maxLength} characters (got {text.Length}).")
        : null;

    /// <summary>Why <paramref name="type"/> is not an event type name.</summary>
    public static string? TypeProblem(string type) =>
        EventTypeName.IsValid(type) ? null : $"'{type}' is not an event type name: use {EventTypeName.Rule}.";

    /// <summary>Why <paramref name="occurredAt"/> is too far ahead of <paramref name="now"/>.</summary>
    public static string? OccurredAtProblem(DateTimeOffset occurredAt, DateTimeOffset now, TimeSpan tolerance) =>
        occurredAt <= now + tolerance
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"is {(occurredAt - now).TotalMinutes:0.#} minutes ahead of the server's clock ({now:O}); it may be at most {tolerance.TotalMinutes:0.#} minutes ahead. Send UTC times.");

    /// <summary>Why <paramref name="payload"/> (a JSON object) cannot be stored.</summary>
    public static string? PayloadProblem(JsonElement payload, int maxBytes) =>
        payload.ValueKind != JsonValueKind.Object ? "must be a JSON object."
        : JsonMarshal.GetRawUtf8Value(payload).Length is var size && size > maxBytes
            ? string.Create(CultureInfo.InvariantCulture, $"is {size:N0} bytes of JSON; the limit is {maxBytes:N0}.")
        : JsonText.ProblemOf(payload);

    /// <summary>The event as the ingestor takes it, or why it is refused (<c>field: what to fix</c>).</summary>
    public static (EventDraft? Draft, string? Refusal) Check(EventInput input, IngestOptions limits, DateTimeOffset now)
    {
        var problem =
            Text("type", input.Type, required: true, MaxTypeLength) ?? Field("type", input.Type is { } type ? TypeProblem(type) : null)
            ?? Text("actorId", input.ActorId, required: true, MaxIdLength)
            ?? Text("itemId", input.ItemId, required: false, MaxIdLength)
            ?? Text("itemOwnerId", input.ItemOwnerId, required: false, MaxIdLength)
            ?? Text("idempotencyKey", input.IdempotencyKey, required: false, MaxKeyLength)
            ?? Field("occurredAt", input.OccurredAt is { } at ? OccurredAtProblem(at.ToUniversalTime(), now, limits.FutureTolerance) : null)
            ?? Field("payload", input.Payload is { } payload ? PayloadProblem(payload, limits.MaxPayloadBytes) : null)
            ?? Text("status", input.Status, required: false, AuditFields.MaxStatusLength)
            ?? Text("environment", input.Environment, required: false, AuditFields.MaxEnvironmentLength)
            ?? Text("requestId", input.RequestId, required: false, AuditFields.MaxRequestIdLength)
            ?? Field("ipAddress", input.IpAddress is { } ip ? AuditFields.IpProblem(ip) : null)
            ?? Text("details", input.Details, required: false, AuditFields.MaxDetailsLength);
        var audit = problem is null ? AuditFields.Of(input.Status, input.Environment, input.RequestId, input.IpAddress, input.Details) : null;
        return problem is not null
            ? (null, problem)
            : (new EventDraft(input.Type, input.ActorId, input.ItemId, input.ItemOwnerId, input.OccurredAt?.ToUniversalTime(), input.Payload, input.IdempotencyKey, audit), null);
    }

    private static string? Text(string field, string? text, bool required, int maxLength) =>
        text is null
            ? required ? $"{field}: is required." : null
            : Field(field, JsonText.ProblemOf(text) ?? TextProblem(text, maxLength));

    private static string? Field(string field, string? problem) => problem is null ? null : $"{field}: {problem}";
}
