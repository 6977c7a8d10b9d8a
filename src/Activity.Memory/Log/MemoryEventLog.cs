using Activity.Domain.Feed;
using Activity.Grains.Audit;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;

namespace Activity.Memory.Log;

/// <summary>
/// The event log in process memory (the embedded silo): appends number each tenant's events under one
/// lock, so nothing is ever pending; reads, erasure and idempotency keys over the <see cref="MemoryTables"/>.
/// </summary>
internal sealed class MemoryEventLog(MemoryTables tables) : IEventLog
{
    /// <summary>An event log over tables of its own (a test's).</summary>
    public MemoryEventLog()
        : this(new MemoryTables())
    {
    }

    /// <summary>The tables it writes, for the audit log, analytics and retention over the same events.</summary>
    public MemoryTables Tables => tables;

    public Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(events.Count);
        var sequences = new List<long>(events.Count);
        var ranges = new Dictionary<string, LogRange>();
        lock (tables.Gate)
        {
            foreach (var e in events)
            {
                var key = e.IdempotencyKey;
                if (key is not null
                    && tables.Keys.TryGetValue((e.TenantId, key), out var earlier)
                    && earlier.At > e.ReceivedAt - idempotencyWindow)
                {
                    ids.Add(earlier.Id);
                    sequences.Add(0);
                }
                else
                {
                    var seq = tables.Last[e.TenantId] = tables.Last.GetValueOrDefault(e.TenantId) + 1;
                    tables.Of(e.TenantId).Add(new LoggedEvent(e.Id, seq, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt, e.Payload));
                    tables.AuditOf(e.TenantId).Add(new AuditEntry(
                        e.Id, seq, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt,
                        e.Audit?.Status, e.Audit?.Environment, e.Audit?.RequestId, e.Audit?.IpAddress, e.Audit?.Details, e.Payload));
                    var day = (e.TenantId, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Type);
                    tables.Daily[day] = tables.Daily.GetValueOrDefault(day) + 1;
                    if (key is not null)
                    {
                        tables.Keys[(e.TenantId, key)] = (e.Id, e.ReceivedAt);
                    }

                    ids.Add(e.Id);
                    sequences.Add(seq);
                    ranges[e.TenantId] = ranges.TryGetValue(e.TenantId, out var range) ? range with { Last = seq } : new LogRange(seq, seq);
                }
            }
        }

        return Task.FromResult(new AppendResult(ids, sequences, ranges));
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadAsync(string tenantId, long after, long upTo, int max, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            var events = tables.Of(tenantId);
            var from = MemoryTables.FirstAfter(events, after);
            var count = Math.Min(max, MemoryTables.FirstAfter(events, upTo) - from);
            return Task.FromResult<IReadOnlyList<LoggedEvent>>(events.GetRange(from, Math.Max(0, count)));
        }
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            var events = tables.Of(tenantId);
            return Task.FromResult<IReadOnlyList<LoggedEvent>>([.. events.Skip(MemoryTables.FirstAfter(events, after)).Where(e => e.ActorId == userId || e.ItemOwnerId == userId).Take(max)]);
        }
    }

    public Task<long> HighWaterAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            return Task.FromResult(tables.Last.GetValueOrDefault(tenantId));
        }
    }

    // Appends commit under one lock, in sequence order: nothing is ever pending.
    public Task<long> SettleAsync(string tenantId, CancellationToken cancellationToken) => HighWaterAsync(tenantId, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> HighWatersAsync(CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(tables.Last));
        }
    }

    public Task<UserEventsErased> EraseUserAsync(string tenantId, string userId, long through, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            var events = tables.Of(tenantId);
            var gone = events.Where(e => e.ActorId == userId && e.Sequence <= through).ToList();
            foreach (var e in gone)
            {
                var day = (tenantId, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Type);
                tables.Daily[day] = tables.Daily.GetValueOrDefault(day) - 1;
            }

            var ids = gone.Select(e => e.Id).ToHashSet();
            events.RemoveAll(e => ids.Contains(e.Id));
            tables.AuditOf(tenantId).RemoveAll(e => ids.Contains(e.Id));
            foreach (var key in tables.Keys.Where(k => k.Key.Tenant == tenantId && ids.Contains(k.Value.Id)).Select(k => k.Key).ToList())
            {
                tables.Keys.Remove(key);
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

            var audit = tables.AuditOf(tenantId);
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
        lock (tables.Gate)
        {
            var old = tables.Keys.Where(k => k.Value.At < before).Select(k => k.Key).ToList();
            old.ForEach(k => tables.Keys.Remove(k));
            return Task.FromResult(old.Count);
        }
    }

}
