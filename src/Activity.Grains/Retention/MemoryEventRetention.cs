using Activity.Grains.Ingest;
using Activity.Grains.Tenants;

namespace Activity.Grains.Retention;

/// <summary>Retention over the in-memory log: each tenant's expired events removed one by one (what one process holds).</summary>
internal sealed class MemoryEventRetention(MemoryActivityQueue queue, ITenantStore tenants) : IEventRetention
{
    public async Task<RetentionResult> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var retention = (await tenants.ListAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.RetentionDays);
        var removed = queue.RemoveExpired(
            DateOnly.FromDateTime(now.UtcDateTime),
            tenantId => retention.GetValueOrDefault(tenantId, Tenant.DefaultRetentionDays));
        return new RetentionResult(removed, 0, 0);
    }
}
