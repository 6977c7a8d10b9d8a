using Activity.Domain.Feed;
using Activity.Grains.Audit;

namespace Activity.Grains.Ingest;

/// <summary>
/// The event log in process memory, for the embedded silo: everything is kept until the process ends.
/// It is its own audit log too, read by scanning (fine for what one process holds).
/// </summary>
internal sealed class MemoryActivityQueue : IActivityQueue, IAuditLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<FeedEvent>> _logs = [];
    private readonly Dictionary<string, List<AuditEntry>> _audit = [];
    private readonly Dictionary<(string Tenant, string Key), (Guid Id, DateTimeOffset At)> _keys = [];

    public Task<AppendResult> AppendAsync(IReadOnlyList<QueuedEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(events.Count);
        var sequences = new List<long>(events.Count);
        var last = new Dictionary<string, long>();
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
                    var log = Log(e.TenantId);
                    log.Add(new FeedEvent(e.Id, log.Count + 1, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt, e.Payload));
                    Audit(e.TenantId).Add(new AuditEntry(
                        e.Id, log.Count, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt,
                        e.Audit?.Status, e.Audit?.Environment, e.Audit?.RequestId, e.Audit?.IpAddress, e.Audit?.Details, e.Payload));
                    if (key is not null)
                    {
                        _keys[(e.TenantId, key)] = (e.Id, e.ReceivedAt);
                    }

                    ids.Add(e.Id);
                    sequences.Add(log.Count);
                    last[e.TenantId] = log.Count;
                }
            }
        }

        return Task.FromResult(new AppendResult(ids, sequences, last));
    }

    public Task<IReadOnlyList<FeedEvent>> ReadAsync(string tenantId, long after, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var log = Log(tenantId);
            var from = (int)Math.Min(after, log.Count);
            return Task.FromResult<IReadOnlyList<FeedEvent>>(log.GetRange(from, Math.Min(max, log.Count - from)));
        }
    }

    public Task<IReadOnlyList<FeedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FeedEvent>>([.. Log(tenantId).Skip((int)Math.Min(after, int.MaxValue)).Where(e => e.ActorId == userId || e.ItemOwnerId == userId).Take(max)]);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> LastSequencesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(_logs.Where(l => l.Value.Count > 0).ToDictionary(l => l.Key, l => (long)l.Value.Count));
        }
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
            return Task.FromResult<IReadOnlyList<AuditDayCount>>([.. Audit(tenantId)
                .Select(e => (Day: DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Type))
                .Where(e => e.Day >= from && e.Day <= to && (type is null || e.Type == type))
                .GroupBy(e => e)
                .Select(g => new AuditDayCount(g.Key.Day, g.Key.Type, g.Count()))
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
