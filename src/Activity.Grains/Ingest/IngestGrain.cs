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
internal sealed class IngestGrain(EventIngestor ingestor, IngestMetrics metrics, TimeProvider timeProvider, IOptions<IngestOptions> options) : Grain, IIngestGrain
{
    public async Task<IReadOnlyList<Guid>> EmitAsync(string tenantId, IReadOnlyList<EventInput> events)
    {
        if (EventRules.CountProblem(events.Count, options.Value) is { } countProblem)
        {
            metrics.Refused(IngestMetrics.Invalid, Math.Max(1, events.Count));
            throw Refused("events", countProblem);
        }

        var tenant = TenantKeys.IsTenantId(tenantId) ? await GrainFactory.GetGrain<ITenantGrain>(tenantId).GetAsync() : null;
        if (tenant is null)
        {
            metrics.Refused(IngestMetrics.Invalid, events.Count);
            throw Refused("tenantId", $"There is no tenant '{tenantId}'.");
        }

        var now = timeProvider.GetUtcNow();
        var errors = new Dictionary<string, List<string>>();
        var refused = new List<int>();
        for (var i = 0; i < events.Count && errors.Count < EventRules.MaxReportedFields; i++)
        {
            if (!EventRules.Check(events[i], EventRules.PathOf(i, alone: false), options.Value, now, errors))
            {
                refused.Add(i);
            }
        }

        if (errors.Count > 0)
        {
            metrics.Refused(IngestMetrics.Invalid, events.Count);
            throw new EventsRefusedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), refused);
        }

        try
        {
            return await ingestor.EmitAsync(tenant.Id, events);
        }
        catch (EventsRejectedException exception)
        {
            // The database refused this call's data (the rules missed something): sending it again fails again.
            throw Refused("events", exception.Message);
        }
    }

    private static EventsRefusedException Refused(string field, string problem) =>
        new(new Dictionary<string, string[]> { [field] = [problem] }, []);
}
