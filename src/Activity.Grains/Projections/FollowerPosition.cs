namespace Activity.Grains.Projections;

/// <summary>
/// Where one active follower stands against its tenant's log, for the lag gauges: the newest sequence it
/// knows the log holds (handed over or read as the log's high-water mark) and its checkpoint. Written on
/// the grain's turns, read by whoever collects the metrics, so each value is one atomic read or write.
/// </summary>
internal sealed class FollowerPosition(string projection, string tenantId, TimeProvider time)
{
    private long _head;
    private long _checkpoint;
    private long _behindSince;

    /// <summary>The projection's name (<c>projection</c> label).</summary>
    public string Projection { get; } = projection;

    /// <summary>The tenant whose log it follows.</summary>
    public string TenantId { get; } = tenantId;

    /// <summary>Sequences the log holds that the projection has not applied yet.</summary>
    public long Behind => Math.Max(0, Volatile.Read(ref _head) - Volatile.Read(ref _checkpoint));

    /// <summary>How long the projection has been behind (zero when it is current).</summary>
    public TimeSpan Lag => Volatile.Read(ref _behindSince) is var since and > 0 && Behind > 0 ? time.GetElapsedTime(since) : TimeSpan.Zero;

    /// <summary>The log holds sequences up to <paramref name="last"/>.</summary>
    public void Seen(long last)
    {
        if (last <= Volatile.Read(ref _head))
        {
            return;
        }

        Volatile.Write(ref _head, last);
        if (last > Volatile.Read(ref _checkpoint) && Volatile.Read(ref _behindSince) == 0)
        {
            Volatile.Write(ref _behindSince, time.GetTimestamp());
        }
    }

    /// <summary>The projection applied everything up to <paramref name="checkpoint"/>.</summary>
    public void Applied(long checkpoint)
    {
        Volatile.Write(ref _checkpoint, checkpoint);
        if (checkpoint >= Volatile.Read(ref _head))
        {
            Volatile.Write(ref _head, checkpoint);
            Volatile.Write(ref _behindSince, 0);
        }
    }
}
