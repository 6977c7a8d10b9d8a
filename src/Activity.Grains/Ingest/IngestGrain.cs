using Activity.Abstractions.Ingest;
using Activity.Grains.Tenants;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Activity.Grains.Ingest;

/// <summary>
/// Emits for services inside the cluster's network. A stateless worker, so a call runs on the silo that
/// received it, and reentrant: its calls only wait on that silo's group commit, and many of them share
/// one write.
/// </summary>
[GrainType("ingest")]
[StatelessWorker]
[Reentrant]
internal sealed class IngestGrain(EventIngestor ingestor, TimeProvider timeProvider, IOptions<IngestOptions> options) : Grain, IIngestGrain
{
    public async Task<IReadOnlyList<EventReceipt>> EmitAsync(string tenantId, IReadOnlyList<EventInput> events)
    {
        if (events.Count > options.Value.MaxBatch)
        {
            throw new ArgumentException($"A call holds at most {options.Value.MaxBatch:N0} events (got {events.Count:N0}); send them in several calls.", nameof(events));
        }

        var tenant = TenantKeys.IsTenantId(tenantId) ? await GrainFactory.GetGrain<ITenantGrain>(tenantId).GetAsync() : null;
        if (tenant is null)
        {
            var refusal = $"There is no tenant '{tenantId}'.";
            return [.. events.Select(_ => new EventReceipt(null, refusal))];
        }

        var now = timeProvider.GetUtcNow();
        var receipts = new EventReceipt?[events.Count];
        var drafts = new List<EventDraft>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (draft, refusal) = EventRules.Check(events[i], options.Value, now);
            if (draft is null)
            {
                receipts[i] = new EventReceipt(null, refusal);
            }
            else
            {
                drafts.Add(draft);
            }
        }

        IReadOnlyList<Guid> ids;
        try
        {
            ids = drafts.Count > 0 ? await ingestor.EmitAsync(tenant.Id, drafts) : [];
        }
        catch (EventsRejectedException exception)
        {
            // The database refused this call's data (validation missed something): sending it again fails again.
            return [.. receipts.Select(r => r ?? new EventReceipt(null, exception.Message))];
        }

        var next = 0;
        return [.. receipts.Select(r => r ?? new EventReceipt(ids[next++], null))];
    }
}
