using Activity.Domain.Feed;
using Activity.Grains.Audit;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;

namespace Activity.Memory.Log;

/// <summary>
/// The event log in process memory (the embedded silo): appends number each tenant's events under one
/// lock, so nothing is ever pending; reads, erasure and idempotency keys over the <see cref="MemoryLog"/>.
/// </summary>
internal sealed class MemoryActivityQueue(MemoryLog log) : IActivityQueue
{
    /// <summary>A queue over a log of its own (a test's).</summary>
    public MemoryActivityQueue()
        : this(new MemoryLog())
    {
    }

    /// <summary>The tables it writes, for the audit log, analytics and retention over the same events.</summary>
    public MemoryLog Log => log;

    public Task<AppendResult> AppendAsync(IReadOnlyList<QueuedEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(events.Count);
        var sequences = new List<long>(events.Count);
        var ranges = new Dictionary<string, LogRange>();
        lock (log.Gate)
        {
            foreach (var e in events)
            {
                var key = e.IdempotencyKey;
                if (key is not null
                    && log.Keys.TryGetValue((e.TenantId, key), out var earlier)
                    && earlier.At > e.ReceivedAt - idempotencyWindow)
                {
                    ids.Add(earlier.Id);
                    sequences.Add(0);
                }
                else
                {
                    var seq = log.Last[e.TenantId] = log.Last.GetValueOrDefault(e.TenantId) + 1;
                    log.Of(e.TenantId).Add(new FeedEvent(e.Id, seq, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt, e.Payload));
                    log.AuditOf(e.TenantId).Add(new AuditEntry(
                        e.Id, seq, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt,
                        e.Audit?.Status, e.Audit?.Environment, e.Audit?.RequestId, e.Audit?.IpAddress, e.Audit?.Details, e.Payload));
                    var day = (e.TenantId, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Type);
                    log.Daily[day] = log.Daily.GetValueOrDefault(day) + 1;
                    if (key is not null)
                    {
                        log.Keys[(e.TenantId, key)] = (e.Id, e.ReceivedAt);
                    }

                    ids.Add(e.Id);
                    sequences.Add(seq);
                    ranges[e.TenantId] = ranges.TryGetValue(e.TenantId, out var range) ? range with { Last = seq } : new LogRange(seq, seq);
                }
            }
        }

        return Task.FromResult(new AppendResult(ids, sequences, ranges));
    }

    public Task<IReadOnlyList<FeedEvent>> ReadAsync(string tenantId, long after, long upTo, int max, CancellationToken cancellationToken)
    {
        lock (log.Gate)
        {
            var events = log.Of(tenantId);
            var from = MemoryLog.FirstAfter(events, after);
            var count = Math.Min(max, MemoryLog.FirstAfter(events, upTo) - from);
            return Task.FromResult<IReadOnlyList<FeedEvent>>(events.GetRange(from, Math.Max(0, count)));
        }
    }

    public Task<IReadOnlyList<FeedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken)
    {
        lock (log.Gate)
        {
            var events = log.Of(tenantId);
            return Task.FromResult<IReadOnlyList<FeedEvent>>([.. events.Skip(MemoryLog.FirstAfter(events, after)).Where(e => e.ActorId == userId || e.ItemOwnerId == userId).Take(max)]);
        }
    }

    public Task<long> LastSequenceAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (log.Gate)
        {
            return Task.FromResult(log.Last.GetValueOrDefault(tenantId));
        }
    }

    // Appends commit under one lock, in sequence order: nothing is ever pending.
    public Task<long> SettleAsync(string tenantId, CancellationToken cancellationToken) => LastSequenceAsync(tenantId, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> LastSequencesAsync(CancellationToken cancellationToken)
    {
        lock (log.Gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(log.Last));
        }
    }

    public Task<UserEventsErased> EraseUserAsync(string tenantId, string userId, long through, CancellationToken cancellationToken)
    {
        lock (log.Gate)
        {
            var events = log.Of(tenantId);
            var gone = events.Where(e => e.ActorId == userId && e.Sequence <= through).ToList();
            foreach (var e in gone)
            {
                var day = (tenantId, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Type);
                log.Daily[day] = log.Daily.GetValueOrDefault(day) - 1;
            }

            var ids = gone.Select(e => e.Id).ToHashSet();
            events.RemoveAll(e => ids.Contains(e.Id));
            log.AuditOf(tenantId).RemoveAll(e => ids.Contains(e.Id));
            foreach (var key in log.Keys.Where(k => k.Key.Tenant == tenantId && ids.Contains(k.Value.Id)).Select(k => k.Key).ToList())
            {
                log.Keys.Remove(key);
            }

            long owned = 0;
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].ItemOwnerId == userId && events[i].Sequence <= through)
                {
                    events[i] = events[i] with { ItemOwnerId = null };
                    owned++;
                }
            }

            var audit = log.AuditOf(tenantId);
            for (var i = 0; i < audit.Count; i++)
            {
                if (audit[i].ItemOwnerId == userId && audit[i].Sequence <= through)
                {
                    audit[i] = audit[i] with { ItemOwnerId = null };
                }
            }

            return Task.FromResult(new UserEventsErased(gone.Count, owned));
        }
    }

    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (log.Gate)
        {
            var old = log.Keys.Where(k => k.Value.At < before).Select(k => k.Key).ToList();
            old.ForEach(k => log.Keys.Remove(k));
            return Task.FromResult(old.Count);
        }
    }

}
