using System.Threading.Channels;
using Activity.Grains.Feed;

namespace Activity.Silo.Feed;

/// <summary>
/// One SSE client's share of its tenant's feed on this silo: the changes delivered after it joined, in
/// order, in a bounded buffer. A client that falls behind by more than the buffer is cut off rather
/// than grow the silo's memory; it resumes with Last-Event-ID like any reconnect.
/// </summary>
internal sealed class FeedListener(string tenantId, int capacity)
{
    private readonly Channel<LiveChange> _changes = Channel.CreateBounded<LiveChange>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });

    /// <summary>The tenant.</summary>
    public string TenantId { get; } = tenantId;

    /// <summary>The last change id delivered before this listener joined: it gets everything after it.</summary>
    public long Baseline { get; set; }

    /// <summary>The changes, as the client reads them.</summary>
    public ChannelReader<LiveChange> Changes => _changes.Reader;

    /// <summary>Hands a change over; false (and the listener ends) when the client is too far behind.</summary>
    public bool Offer(FeedChangeRecord change, string? trace)
    {
        if (_changes.Writer.TryWrite(new LiveChange(change, trace)))
        {
            return true;
        }

        _changes.Writer.TryComplete(new SlowListenerException());
        return false;
    }

    /// <summary>Ends the listener: the silo is stopping, or the tenant's feed here closed.</summary>
    public void End() => _changes.Writer.TryComplete();

    /// <summary>Ends the listener because the credential it was opened with no longer works (the tenant's key was rotated).</summary>
    public void Revoke() => _changes.Writer.TryComplete(new AccessRevokedException());
}

/// <summary>A change on its way to a client, with the trace of the write that made it when that was sampled.</summary>
internal readonly record struct LiveChange(FeedChangeRecord Change, string? Trace);

/// <summary>The tenant's key was rotated: a stream opened with the old key or its user tokens ends.</summary>
internal sealed class AccessRevokedException() : Exception("The tenant's key was rotated; streams opened with the old key or its user tokens end.");

/// <summary>The client fell further behind than its buffer holds.</summary>
internal sealed class SlowListenerException() : Exception("The client fell too far behind its feed and was cut off; it resumes with Last-Event-ID.");
