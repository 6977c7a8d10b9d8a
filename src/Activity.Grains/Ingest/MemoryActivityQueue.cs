using Activity.Domain.Feed;
using Activity.Grains.Audit;
using Activity.Grains.Projections;

namespace Activity.Grains.Ingest;

/// <summary>
/// The event log in process memory, for the embedded silo: events are kept until retention removes them
/// (<see cref="RemoveExpired"/>) or the process ends. It is its own audit log too, read by scanning
/// (fine for what one process holds), with per-day counts kept apart so they outlive retention.
/// </summary>
internal sealed partial class MemoryActivityQueue : IActivityQueue, IAuditLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<FeedEvent>> _logs = [];
    private readonly Dictionary<string, List<AuditEntry>> _audit = [];
    private readonly Dictionary<string, long> _last = [];
    private readonly Dictionary<(string Tenant, DateOnly Day, string Type), long> _daily = [];
    private readonly Dictionary<(string Tenant, string Key), (Guid Id, DateTimeOffset At)> _keys = [];

    public Task<AppendResult> AppendAsync(IReadOnlyList<QueuedEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(events.Count);
        var sequences = new List<long>(events.Count);
        var ranges = new Dictionary<string, LogRange>();
        lock (_gate)
        {
            foreach (var e in events)
            {
                var key = e.IdempotencyKey;
                if (key is not null
                    && _keys.TryGetValue((e.TenantId, key), out var earlier)
                    && earlier.At > e.ReceivedAt - idempotencyWindow)
                {
                    ids.Add(earlier.Id);
                    sequences.Add(0);
                }
                else
                {
                    var seq = _last[e.TenantId] = _last.GetValueOrDefault(e.TenantId) + 1;
                    Log(e.TenantId).Add(new FeedEvent(e.Id, seq, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt, e.Payload));
                    Audit(e.TenantId).Add(new AuditEntry(
                        e.Id, seq, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt,
                        e.Audit?.Status, e.Audit?.Environment, e.Audit?.RequestId, e.Audit?.IpAddress, e.Audit?.Details, e.Payload));
                    var day = (e.TenantId, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Type);
                    _daily[day] = _daily.GetValueOrDefault(day) + 1;
                    if (key is not null)
                    {
                        _keys[(e.TenantId, key)] = (e.Id, e.ReceivedAt);
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
        lock (_gate)
        {
            var log = Log(tenantId);
            var from = FirstAfter(log, after);
            var count = Math.Min(max, FirstAfter(log, upTo) - from);
            return Task.FromResult<IReadOnlyList<FeedEvent>>(log.GetRange(from, Math.Max(0, count)));
        }
    }

    public Task<IReadOnlyList<FeedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var log = Log(tenantId);
            return Task.FromResult<IReadOnlyList<FeedEvent>>([.. log.Skip(FirstAfter(log, after)).Where(e => e.ActorId == userId || e.ItemOwnerId == userId).Take(max)]);
        }
    }

    public Task<long> LastSequenceAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_last.GetValueOrDefault(tenantId));
        }
    }

    // Appends commit under one lock, in sequence order: nothing is ever pending.
    public Task<long> SettleAsync(string tenantId, CancellationToken cancellationToken) => LastSequenceAsync(tenantId, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> LastSequencesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(_last));
        }
    }

    /// <summary>
    /// Removes every event received more than its tenant's retention before <paramref name="today"/>
    /// (received on day D with retention R: gone from day D + R + 1); returns how many.
    /// </summary>
    public long RemoveExpired(DateOnly today, Func<string, int> retentionDaysOf)
    {
        lock (_gate)
        {
            long removed = 0;
            foreach (var (tenantId, log) in _logs)
            {
                var cut = today.AddDays(-retentionDaysOf(tenantId));
                bool Expired(DateTimeOffset receivedAt) => DateOnly.FromDateTime(receivedAt.UtcDateTime) < cut;
                removed += log.RemoveAll(e => Expired(e.ReceivedAt));
                Audit(tenantId).RemoveAll(e => Expired(e.ReceivedAt));
            }

            return removed;
        }
    }

    public Task<UserEventsErased> EraseUserAsync(string tenantId, string userId, long through, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var log = Log(tenantId);
            var gone = log.Where(e => e.ActorId == userId && e.Sequence <= through).ToList();
            foreach (var e in gone)
            {
                var day = (tenantId, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Type);
                _daily[day] = _daily.GetValueOrDefault(day) - 1;
            }

            var ids = gone.Select(e => e.Id).ToHashSet();
            log.RemoveAll(e => ids.Contains(e.Id));
            Audit(tenantId).RemoveAll(e => ids.Contains(e.Id));
            foreach (var key in _keys.Where(k => k.Key.Tenant == tenantId && ids.Contains(k.Value.Id)).Select(k => k.Key).ToList())
            {
                _keys.Remove(key);
            }

            long owned = 0;
            for (var i = 0; i < log.Count; i++)
            {
                if (log[i].ItemOwnerId == userId && log[i].Sequence <= through)
                {
                    log[i] = log[i] with { ItemOwnerId = null };
                    owned++;
                }
            }

            var audit = Audit(tenantId);
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

    // The log is in sequence order: the index of the first event above `after`.
    private static int FirstAfter(List<FeedEvent> log, long after)
    {
        int low = 0, high = log.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (log[middle].Sequence <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _keys.Where(k => k.Value.At < before).Select(k => k.Key).ToList();
            old.ForEach(k => _keys.Remove(k));
            return Task.FromResult(old.Count);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, AuditQuery q, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IEnumerable<AuditEntry> entries = Audit(tenantId);
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. entries.Reverse()
                .Where(e => (q.Before is null || e.Sequence < q.Before)
                    && (q.Type is null || e.Type == q.Type)
                    && (q.ActorId is null || e.ActorId == q.ActorId)
                    && (q.ItemId is null || e.ItemId == q.ItemId)
                    && (q.Status is null || e.Status == q.Status)
                    && (q.Environment is null || e.Environment == q.Environment)
                    && (q.From is null || e.ReceivedAt >= q.From)
                    && (q.To is null || e.ReceivedAt < q.To)
                    && (q.Search is null || MemoryAuditSearch.Matches(e, q.Search)))
                .Take(q.Limit)]);
        }
    }

    public Task<IReadOnlyList<AuditDayCount>> SummaryAsync(string tenantId, DateOnly from, DateOnly to, string? type, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditDayCount>>([.. _daily
                .Where(d => d.Key.Tenant == tenantId && d.Key.Day >= from && d.Key.Day <= to && (type is null || d.Key.Type == type) && d.Value > 0)
                .Select(d => new AuditDayCount(d.Key.Day, d.Key.Type, d.Value))
                .OrderByDescending(c => c.Day)
                .ThenBy(c => c.Type, StringComparer.Ordinal)]);
        }
    }

    private List<AuditEntry> Audit(string tenantId)
    {
        if (!_audit.TryGetValue(tenantId, out var entries))
        {
            _audit[tenantId] = entries = [];
        }

        return entries;
    }

    private List<FeedEvent> Log(string tenantId)
    {
        if (!_logs.TryGetValue(tenantId, out var log))
        {
            _logs[tenantId] = log = [];
        }

        return log;
    }
}
