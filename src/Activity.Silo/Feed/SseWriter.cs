using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace Activity.Silo.Feed;

/// <summary>
/// Writes Server-Sent Events. Live changes arrive as the stream's JSON
/// (<c>{"id":5,"event":"...","data":{...}}</c>, serialized once for every subscriber); this copies the
/// three fields out of those bytes without deserializing them.
/// </summary>
internal sealed class SseWriter(PipeWriter writer)
{
    /// <summary>Tells the client how long to wait before reconnecting.</summary>
    public void Retry(int milliseconds)
    {
        writer.Write("retry: "u8);
        Number(milliseconds);
        writer.Write("\n\n"u8);
    }

    /// <summary>A comment line: clients ignore it, proxies see traffic.</summary>
    public void Comment(string text)
    {
        writer.Write(": "u8);
        writer.Write(Encoding.UTF8.GetBytes(text));
        writer.Write("\n\n"u8);
    }

    /// <summary>A change from the change log.</summary>
    public void Change(long id, string eventName, string data) =>
        Message(id, Encoding.UTF8.GetBytes(eventName), Encoding.UTF8.GetBytes(data));

    /// <summary>A live change as published on the stream; returns its id.</summary>
    public long Published(ReadOnlySpan<byte> json, long skipThrough)
    {
        long id = 0;
        ReadOnlySpan<byte> eventName = default, data = default;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                eventName = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                data = json[start..(int)reader.BytesConsumed];
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Already sent during the replay of missed changes.
        if (id > skipThrough)
        {
            Message(id, eventName, data);
        }

        return id;
    }

    /// <summary>Tells a resuming client that the changes it missed are gone, so it reloads the feed.</summary>
    public void Reset(long lastEventId)
    {
        writer.Write("event: activity.stream.reset\ndata: {\"lastEventId\":"u8);
        Number(lastEventId);
        writer.Write(",\"reason\":\"The changes after this id are no longer kept; reload the feed from GET /api/activity/events.\"}\n\n"u8);
    }

    private void Message(long id, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        writer.Write("id: "u8);
        Number(id);
        writer.Write("\nevent: "u8);
        writer.Write(eventName);
        writer.Write("\ndata: "u8);
        writer.Write(data);
        writer.Write("\n\n"u8);
    }

    private void Number(long value)
    {
        var span = writer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        writer.Advance(written);
    }
}
