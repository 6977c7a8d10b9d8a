using System.Text.Json;
using Activity.Grains.Ingest;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>
/// The body of an emit: one event object, or an array of them. Every rule is checked for every event
/// before anything is stored, and every broken field is named (<c>events[3].type</c>), so a request
/// is accepted whole or not at all. The JSON's shape is checked here; the rules of each field are
/// <see cref="EventRules"/>, shared with the ingest grain.
/// </summary>
internal static class EmitRequest
{
    private static readonly JsonFieldNames Fields = new(
        "type", "actorId", "itemId", "itemOwnerId", "occurredAt", "payload", "idempotencyKey",
        "status", "environment", "requestId", "ipAddress", "details");

    // A response listing thousands of broken fields helps nobody; the first ones say what is wrong.
    private const int MaxReportedFields = 50;

    /// <summary>The validated events, or the 400 that says what to fix. Payloads are elements of <paramref name="body"/>, which must outlive them.</summary>
    public static (IReadOnlyList<EventDraft> Events, IResult? Problem) Parse(JsonElement body, IngestOptions limits, DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>();
        var events = new List<EventDraft>();
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                Add(body, "", limits, now, errors, events);
                break;
            case JsonValueKind.Array when body.GetArrayLength() == 0:
                errors["events"] = ["is empty; send at least one event."];
                break;
            case JsonValueKind.Array when body.GetArrayLength() > limits.MaxBatch:
                errors["events"] = [$"holds {body.GetArrayLength():N0} events; send at most {limits.MaxBatch:N0} per request."];
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var element in body.EnumerateArray())
                {
                    Add(element, $"events[{index++}]", limits, now, errors, events);
                    if (errors.Count >= MaxReportedFields)
                    {
                        break;
                    }
                }

                break;
            default:
                errors["events"] = ["The body must be one event object or an array of event objects."];
                break;
        }

        return (events, errors.ToProblem());
    }

    private static void Add(JsonElement element, string path, IngestOptions limits, DateTimeOffset now, Dictionary<string, List<string>> errors, List<EventDraft> events)
    {
        var fields = JsonFields.Of(element, path, errors, Fields);
        if (fields is null)
        {
            return;
        }

        var before = errors.Count;
        var type = fields.String("type", required: true, EventRules.MaxTypeLength);
        if (type is not null && EventRules.TypeProblem(type) is { } typeProblem)
        {
            fields.Fail("type", typeProblem);
        }

        var actorId = fields.String("actorId", required: true, EventRules.MaxIdLength);
        var itemId = fields.String("itemId", required: false, EventRules.MaxIdLength);
        var itemOwnerId = fields.String("itemOwnerId", required: false, EventRules.MaxIdLength);
        var idempotencyKey = fields.String("idempotencyKey", required: false, EventRules.MaxKeyLength);
        var occurredAt = fields.Instant("occurredAt");
        if (occurredAt is { } at && EventRules.OccurredAtProblem(at, now, limits.FutureTolerance) is { } timeProblem)
        {
            fields.Fail("occurredAt", timeProblem);
        }

        var payload = fields.Object("payload");
        if (payload is { } json && EventRules.PayloadProblem(json, limits.MaxPayloadBytes) is { } payloadProblem)
        {
            fields.Fail("payload", payloadProblem);
        }

        var status = fields.String("status", required: false, AuditFields.MaxStatusLength);
        var environment = fields.String("environment", required: false, AuditFields.MaxEnvironmentLength);
        var requestId = fields.String("requestId", required: false, AuditFields.MaxRequestIdLength);
        var details = fields.String("details", required: false, AuditFields.MaxDetailsLength);
        var ipAddress = fields.String("ipAddress", required: false, 64);
        if (ipAddress is not null && AuditFields.IpProblem(ipAddress) is { } ipProblem)
        {
            fields.Fail("ipAddress", ipProblem);
        }

        if (errors.Count == before)
        {
            // The caller cloned the body once: payloads point into that copy, not into copies of their own.
            var audit = AuditFields.Of(status, environment, requestId, ipAddress, details);
            events.Add(new EventDraft(type!, actorId!, itemId, itemOwnerId, occurredAt, payload, idempotencyKey, audit));
        }
    }
}
