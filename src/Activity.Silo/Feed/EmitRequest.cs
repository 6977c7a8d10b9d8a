using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Activity.Abstractions.Ingest;
using Activity.Grains.Ingest;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>
/// The body of an emit: one event object, or an array of them, read as <see cref="EventInput"/>s by
/// System.Text.Json (unknown fields and wrong kinds refused, as for every body: <see cref="RequestJsonContext"/>),
/// then checked by <see cref="EventRules"/>, the same as for <see cref="IIngestGrain"/>. JSON of the wrong
/// shape is refused at its first such field; otherwise every broken field of every event is named
/// (<c>events[3].type</c>). One broken field refuses the whole request.
/// </summary>
internal static class EmitRequest
{
    /// <summary>
    /// The checked events, or the 400 that says what to fix and how many events that refused (those the
    /// body held; 1 when it could not be read as events).
    /// </summary>
    public static (IReadOnlyList<EventInput> Events, IResult? Problem, int Refused) Parse(byte[] body, IngestOptions limits, DateTimeOffset now)
    {
        var first = FirstToken(body);
        var alone = first == (byte)'{';
        EventInput?[]? events;
        try
        {
            events = first switch
            {
                (byte)'{' => [JsonSerializer.Deserialize(body, RequestJsonContext.Default.EventInput)],
                (byte)'[' => JsonSerializer.Deserialize(body, RequestJsonContext.Default.EventInputArray),
                _ => null,
            };
        }
        catch (JsonException exception)
        {
            JsonTypeInfo typeInfo = alone ? RequestJsonContext.Default.EventInput : RequestJsonContext.Default.EventInputArray;
            return ([], JsonRequestErrors.Explain(body, typeInfo, exception, rootName: "events"), 1);
        }

        var errors = new Dictionary<string, List<string>>();
        if (events is null)
        {
            errors["events"] = ["The body must be one event object or an array of event objects."];
        }
        else if (!alone && EventRules.CountProblem(events.Length, limits) is { } countProblem)
        {
            errors["events"] = [countProblem];
        }
        else
        {
            for (var i = 0; i < events.Length && errors.Count < EventRules.MaxReportedFields; i++)
            {
                var path = EventRules.PathOf(i, alone);
                if (events[i] is { } input)
                {
                    EventRules.Check(input, path, limits, now, errors);
                }
                else
                {
                    errors[path] = ["must be a JSON object, not null."];
                }
            }
        }

        return errors.Count == 0 ? (events!, null, 0) : ([], errors.ToProblem(), Math.Max(1, events?.Length ?? 1));
    }

    // The body's first token, past any white space: '{', '[' or anything else.
    private static byte FirstToken(byte[] body) => body.AsSpan().TrimStart(" \t\r\n"u8) is [var first, ..] ? first : (byte)0;
}
