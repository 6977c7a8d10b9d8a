using System.Text.Json;

namespace Activity.Grains.Feed;

/// <summary>
/// A change as published on the stream <c>feed/{tenant}</c>: the three fields of an SSE message.
/// Serialized once for every subscriber; the SSE endpoint copies <c>data</c> out as raw JSON.
/// </summary>
/// <param name="Id">The change sequence.</param>
/// <param name="Event">The SSE event name.</param>
/// <param name="Data">The SSE data.</param>
public sealed record FeedChangeMessage(long Id, string Event, JsonElement Data)
{
    /// <summary>The stream namespace of feeds; the key is the tenant id.</summary>
    public const string StreamNamespace = "feed";

    /// <summary>The message for a change-log entry.</summary>
    public static FeedChangeMessage Of(FeedChangeRecord change)
    {
        using var data = JsonDocument.Parse(change.Body);
        return new FeedChangeMessage(change.Sequence, change.Kind, data.RootElement.Clone());
    }
}
