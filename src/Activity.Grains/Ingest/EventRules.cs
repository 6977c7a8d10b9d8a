using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Activity.Abstractions.Ingest;
using Activity.Domain.Events;

namespace Activity.Grains.Ingest;

/// <summary>
/// The rules an emit meets before anything of it is stored, one place for both ways in: the REST emit
/// (which first reads the JSON's shape into <see cref="EventInput"/>s) and <see cref="IIngestGrain"/>.
/// An emit is stored whole or not at all: every broken field is named, keyed by its path
/// (<c>events[3].type</c>), and one broken field refuses the whole emit.
/// </summary>
public static class EventRules
{
    /// <summary>The longest id a sender may use (actor, item, owner).</summary>
    public const int MaxIdLength = 256;

    /// <summary>The longest idempotency key.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>The longest event type name.</summary>
    public const int MaxTypeLength = 64;

    /// <summary>A refusal listing thousands of broken fields helps nobody; the first ones say what is wrong.</summary>
    public const int MaxReportedFields = 50;

    /// <summary>Why an emit of <paramref name="count"/> events is refused as a whole, or null.</summary>
    public static string? CountProblem(int count, IngestOptions limits) =>
        count == 0 ? "is empty; send at least one event."
        : count > limits.MaxBatch ? string.Create(CultureInfo.InvariantCulture, $"holds {count:N0} events; send at most {limits.MaxBatch:N0} per request.")
        : null;

    /// <summary>The path of an event's fields in the errors: <c>events[3]</c>, or nothing for a lone event.</summary>
    public static string PathOf(int index, bool alone) => alone ? "" : string.Create(CultureInfo.InvariantCulture, $"events[{index}]");

    /// <summary>
    /// Checks every rule of one event and adds what is broken to <paramref name="errors"/> under
    /// <paramref name="path"/>; a field that already has an error (from reading the JSON) is not judged
    /// again. True when the event breaks no rule.
    /// </summary>
    public static bool Check(EventInput input, string path, IngestOptions limits, DateTimeOffset now, Dictionary<string, List<string>> errors)
    {
        var before = errors.Count;
        var type = Text(errors, path, "type", input.Type, required: true, MaxTypeLength);
        if (type is not null && !EventTypeName.IsValid(type))
        {
            Fail(errors, path, "type", $"'{type}' is not an event type name: use {EventTypeName.Rule}.");
        }

        Text(errors, path, "actorId", input.ActorId, required: true, MaxIdLength);
        Text(errors, path, "itemId", input.ItemId, required: false, MaxIdLength);
        Text(errors, path, "itemOwnerId", input.ItemOwnerId, required: false, MaxIdLength);
        Text(errors, path, "idempotencyKey", input.IdempotencyKey, required: false, MaxKeyLength);
        if (input.OccurredAt is { } at && OccurredAtProblem(at.ToUniversalTime(), now, limits.FutureTolerance) is { } late)
        {
            Fail(errors, path, "occurredAt", late);
        }

        if (input.Payload is { } payload && PayloadProblem(payload, limits.MaxPayloadBytes) is { } payloadProblem)
        {
            Fail(errors, path, "payload", payloadProblem);
        }

        Text(errors, path, "status", input.Status, required: false, AuditFields.MaxStatusLength);
        Text(errors, path, "environment", input.Environment, required: false, AuditFields.MaxEnvironmentLength);
        Text(errors, path, "requestId", input.RequestId, required: false, AuditFields.MaxRequestIdLength);
        if (Text(errors, path, "ipAddress", input.IpAddress, required: false, AuditFields.MaxIpLength) is { } ip && AuditFields.IpProblem(ip) is { } ipProblem)
        {
            Fail(errors, path, "ipAddress", ipProblem);
        }

        Text(errors, path, "details", input.Details, required: false, AuditFields.MaxDetailsLength);
        return errors.Count == before;
    }

    /// <summary>Why <paramref name="text"/> is not a field value of at most <paramref name="maxLength"/> characters.</summary>
    public static string? TextProblem(string text, int maxLength) =>
        string.IsNullOrWhiteSpace(text) ? "cannot be empty."
        : text.Length > maxLength ? string.Create(CultureInfo.InvariantCulture, $"is at most {maxLength} characters (got {text.Length}).")
        : null;

    private static string? OccurredAtProblem(DateTimeOffset occurredAt, DateTimeOffset now, TimeSpan tolerance) =>
        occurredAt <= now + tolerance
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"is {(occurredAt - now).TotalMinutes:0.#} minutes ahead of the server's clock ({now:O}); it may be at most {tolerance.TotalMinutes:0.#} minutes ahead. Send UTC times.");

    private static string? PayloadProblem(JsonElement payload, int maxBytes) =>
        payload.ValueKind != JsonValueKind.Object ? "must be a JSON object."
        : JsonMarshal.GetRawUtf8Value(payload).Length is var size && size > maxBytes
            ? string.Create(CultureInfo.InvariantCulture, $"is {size:N0} bytes of JSON; the limit is {maxBytes:N0}.")
        : JsonText.ProblemOf(payload);

    // The text when it is present and fine, else null (with an error when it is required or broken).
    private static string? Text(Dictionary<string, List<string>> errors, string path, string field, string? text, bool required, int maxLength)
    {
        if (text is null)
        {
            if (required)
            {
                Fail(errors, path, field, "is required.");
            }

            return null;
        }

        var problem = JsonText.ProblemOf(text) ?? TextProblem(text, maxLength);
        if (problem is not null)
        {
            Fail(errors, path, field, problem);
        }

        return problem is null ? text : null;
    }

    private static void Fail(Dictionary<string, List<string>> errors, string path, string field, string problem)
    {
        var key = path.Length == 0 ? field : $"{path}.{field}";
        if (!errors.ContainsKey(key))
        {
            errors[key] = [problem];
        }
    }
}
