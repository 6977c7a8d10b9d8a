using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;

namespace Activity.Silo.Feed;

/// <summary>Writes Server-Sent Events straight into the response.</summary>
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

    /// <summary>A change: its id, event name and data, as the change log holds them.</summary>
    public void Change(long id, string eventName, string data) =>
        Message(id, Encoding.UTF8.GetBytes(eventName), Encoding.UTF8.GetBytes(data));

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
