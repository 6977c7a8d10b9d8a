using Activity.Grains.Retention;
using Activity.Grains.Tenants;

namespace Activity.Memory.Log;

/// <summary>
/// Retention over the in-memory log: each tenant's events received more than its retention ago removed
/// one by one (what one process holds); the per-day counts stay.
/// </summary>
internal sealed class MemoryEventRetention(MemoryTables tables, ITenantStore tenants) : IEventRetention
{
    public async Task<RetentionResult> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var retention = (await tenants.ListAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.RetentionDays);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        long removed = 0;
        lock (tables.Gate)
        {
            foreach (var (tenantId, events) in tables.Logs)
            {
                // Received on day D with retention R: gone from day D + R + 1.
                var cut = today.AddDays(-retention.GetValueOrDefault(tenantId, Tenant.DefaultRetentionDays));
                bool Expired(DateTimeOffset receivedAt) => DateOnly.FromDateTime(receivedAt.UtcDateTime) < cut;
                removed += events.RemoveAll(e => Expired(e.ReceivedAt));
                tables.AuditOf(tenantId).RemoveAll(e => Expired(e.ReceivedAt));
            }
        }

        return new RetentionResult(removed, 0, 0);
    }
}
