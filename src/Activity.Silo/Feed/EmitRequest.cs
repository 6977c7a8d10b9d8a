using System.Text.Json;
using Activity.Abstractions.Ingest;
using Activity.Grains.Ingest;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>
/// The body of an emit: one event object, or an array of them. The JSON's shape (field names and kinds)
/// is read here into <see cref="EventInput"/>s; the rules are <see cref="EventRules"/>, the same as for
/// <see cref="IIngestGrain"/>. Every broken field is named (<c>events[3].type</c>), and one broken field
/// refuses the whole request.
/// </summary>
internal static class EmitRequest
{
    private static readonly JsonFieldNames Fields = new(
        "type", "actorId", "itemId", "itemOwnerId", "occurredAt", "payload", "idempotencyKey",
        "status", "environment", "requestId", "ipAddress", "details");

    /// <summary>The checked events, or the 400 that says what to fix. Payloads are elements of <paramref name="body"/>, which must outlive them.</summary>
    public static (IReadOnlyList<EventInput> Events, IResult? Problem) Parse(JsonElement body, IngestOptions limits, DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>();
        var events = new List<EventInput>();
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                Add(body, EventRules.PathOf(0, alone: true), limits, now, errors, events);
                break;
            case JsonValueKind.Array when EventRules.CountProblem(body.GetArrayLength(), limits) is { } countProblem:
                errors["events"] = [countProblem];
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var element in body.EnumerateArray())
                {
                    Add(element, EventRules.PathOf(index++, alone: false), limits, now, errors, events);
                    if (errors.Count >= EventRules.MaxReportedFields)
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

    private static void Add(JsonElement element, string path, IngestOptions limits, DateTimeOffset now, Dictionary<string, List<string>> errors, List<EventInput> events)
    {
        var before = errors.Count;
        var fields = JsonFields.Of(element, path, errors, Fields);
        if (fields is null)
        {
            return;
        }

        // The caller cloned the body once: payloads point into that copy, not into copies of their own.
        var input = new EventInput(
            fields.Text("type")!,
            fields.Text("actorId")!,
            fields.Text("itemId"),
            fields.Text("itemOwnerId"),
            fields.Instant("occurredAt"),
            fields.Object("payload"),
            fields.Text("idempotencyKey"),
            fields.Text("status"),
            fields.Text("environment"),
            fields.Text("requestId"),
            fields.Text("ipAddress"),
            fields.Text("details"));
        EventRules.Check(input, path, limits, now, errors);
        if (errors.Count == before)
        {
            events.Add(input);
        }
    }
}
