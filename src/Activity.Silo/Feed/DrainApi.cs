using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>
/// <c>POST /api/activity/drain?tenantId=</c> with header <c>x-drain-secret</c>: applies every event
/// acknowledged so far to every projection of the log (the feed, the dashboards and statistics; one
/// tenant's, or every tenant's), and answers when done. <c>applied</c> counts the events the feed applied.
/// </summary>
internal static class DrainApi
{
    public static IEndpointRouteBuilder MapDrainApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/activity/drain", DrainAsync).RequireAuthorization(AccessPolicies.DrainSecret).WithTags("Feed");
        return endpoints;
    }

    private static async Task<IResult> DrainAsync(string? tenantId, ITenantStore tenants, IEventLog log, TenantProjections projections, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids;
        if (tenantId is not null)
        {
            if (!TenantKeys.IsTenantId(tenantId) || await tenants.GetAsync(tenantId, cancellationToken) is null)
            {
                return Problems.NotFound($"There is no tenant '{tenantId}'.");
            }

            ids = [tenantId];
        }
        else
        {
            ids = [.. (await tenants.ListAsync(cancellationToken)).Select(t => t.Id)];
        }

        var drained = await Task.WhenAll(ids.Select(async id =>
        {
            // Appends of other silos that were still committing finish (or are given up) first, so the
            // projections' drains read past them to everything acknowledged before this request.
            await log.SettleAsync(id, cancellationToken);
            var applied = await Task.WhenAll(projections.All.Select(projection => projections.Of(projection, id).DrainAsync()));
            var byName = projections.All.Zip(applied).ToDictionary(p => p.First.Name, p => p.Second);
            return new Drained(id, byName[TenantProjections.Feed], byName.GetValueOrDefault(TenantProjections.DashboardRouter));
        }));
        return TypedResults.Ok(new DrainResponse(drained, drained.Sum(d => d.Applied)));
    }

    /// <summary>What one tenant's drain applied: events to the feed, and events passed on to dashboards.</summary>
    internal sealed record Drained(string TenantId, int Applied, int Dashboards);

    /// <summary>The answer to a drain.</summary>
    internal sealed record DrainResponse(IReadOnlyList<Drained> Drained, int Applied);
}
