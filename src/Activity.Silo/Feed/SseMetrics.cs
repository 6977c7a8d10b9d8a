using System.Diagnostics.Metrics;
using Activity.Grains.Telemetry;

namespace Activity.Silo.Feed;

/// <summary>
/// This silo's SSE clients: how many are open, the messages written to them, the clients cut off for
/// being too slow, and the catch-ups read from the change log (a client resuming with Last-Event-ID, or
/// a gap in the stream filled for all of a tenant's clients here).
/// </summary>
internal sealed class SseMetrics
{
    private readonly UpDownCounter<long> _clients;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _catchUps;

    public SseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ActivityMeter.Name);
        _clients = meter.CreateUpDownCounter<long>("activity.sse.clients", "{client}", "SSE clients connected to this silo");
        _messages = meter.CreateCounter<long>("activity.sse.messages", "{message}", "Feed changes written to SSE clients");
        _dropped = meter.CreateCounter<long>("activity.sse.dropped", "{client}", "SSE clients cut off as too slow, by reason: buffer_full (fell too far behind), write_timeout (read nothing)");
        _catchUps = meter.CreateCounter<long>("activity.sse.catchups", "{catchup}", "Reads of the change log for live clients, by kind: resume (Last-Event-ID), gap (a change the stream did not bring)");
    }

    /// <summary>A client connected (+1) or left (-1).</summary>
    public void Connected(int change) => _clients.Add(change);

    /// <summary>Changes written to one client.</summary>
    public void Written(int messages)
    {
        if (messages > 0)
        {
            _messages.Add(messages);
        }
    }

    /// <summary>A client cut off: <c>buffer_full</c> or <c>write_timeout</c>.</summary>
    public void Dropped(string reason) => _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>A read of the change log: <c>resume</c> or <c>gap</c>.</summary>
    public void CaughtUp(string kind) => _catchUps.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
