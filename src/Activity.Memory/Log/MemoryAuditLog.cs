using Activity.Grains.Audit;

namespace Activity.Memory.Log;

/// <summary>The audit log over the in-memory log, read by scanning (fine for what one process holds).</summary>
internal sealed class MemoryAuditLog(MemoryTables tables) : IAuditLog
{
    public Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, AuditQuery q, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            IEnumerable<AuditEntry> entries = tables.AuditOf(tenantId);
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
        lock (tables.Gate)
        {
            return Task.FromResult<IReadOnlyList<AuditDayCount>>([.. tables.Daily
                .Where(d => d.Key.Tenant == tenantId && d.Key.Day >= from && d.Key.Day <= to && (type is null || d.Key.Type == type) && d.Value > 0)
                .Select(d => new AuditDayCount(d.Key.Day, d.Key.Type, d.Value))
                .OrderByDescending(c => c.Day)
                .ThenBy(c => c.Type, StringComparer.Ordinal)]);
        }
    }
}
