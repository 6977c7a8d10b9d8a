using Activity.Domain.Feed;

namespace Activity.Grains.Ingest;

/// <summary>Reads of the log that need no upper bound.</summary>
public static class EventLogReads
{
    /// <summary>The tenant's events with a sequence above <paramref name="after"/>, in order, at most <paramref name="max"/>.</summary>
    public static Task<IReadOnlyList<LoggedEvent>> ReadAsync(this IEventLog log, string tenantId, long after, int max, CancellationToken cancellationToken) =>
        log.ReadAsync(tenantId, after, long.MaxValue, max, cancellationToken);
}
