using Activity.Abstractions.Feed;
using Activity.Grains.Feed;
using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Cluster;

/// <summary>
/// <c>GET /api/admin/cluster</c> (admin key): the silos Orleans' membership knows (address, status,
/// start), how many activations of each grain type each holds, and the last feed sweep; and
/// <c>GET /api/admin/cluster/feeds/{tenantId}</c>: the silo the tenant's feed grain is active on.
/// </summary>
internal static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder endpoints)
    {
        var cluster = endpoints.MapGroup("/api/admin/cluster").RequireAuthorization(AccessPolicies.AdminKey).WithTags("Admin");
        cluster.MapGet("/", GetAsync);
        cluster.MapGet("/feeds/{tenantId}", LocateFeedAsync);
        return endpoints;
    }

    private static async Task<Ok<ClusterView>> GetAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetSimpleGrainStatistics(active);
        var sweep = await grains.GetGrain<IFeedSweepGrain>(0).LastSweepAsync();
        var silos = hosts
            .OrderBy(h => h.Status == SiloStatus.Active ? 0 : 1)
            .ThenByDescending(h => h.StartTime)
            .Select(h => new SiloView(
                h.SiloAddress.ToParsableString(),
                h.SiloName,
                h.HostName,
                h.Status.ToString(),
                new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                h.ProxyPort,
                statistics
                    .Where(s => s.SiloAddress.Equals(h.SiloAddress))
                    .GroupBy(s => GrainTypeName(s.GrainType))
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount))))
            .ToList();
        return TypedResults.Ok(new ClusterView(silos, sweep));
    }

    // Where the grain lives now (null when no silo holds an activation); asking does not activate it.
    private static async Task<Results<Ok<FeedLocation>, ProblemHttpResult>> LocateFeedAsync(string tenantId, IGrainFactory grains)
    {
        if (!TenantKeys.IsTenantId(tenantId))
        {
            return Problems.NotFound($"There is no tenant '{tenantId}'.");
        }

        var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IFeedGrain>(tenantId));
        return TypedResults.Ok(new FeedLocation(tenantId, silo?.ToParsableString()));
    }

    // Statistics name a grain by its class ("Activity.Grains.Feed.FeedGrain,Activity.Grains"): show the class.
    private static string GrainTypeName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    /// <summary>The cluster as its membership sees it.</summary>
    /// <param name="Silos">Active silos first, then the others, newest first.</param>
    /// <param name="LastSweep">The last feed sweep since the sweep grain's activation, if any.</param>
    internal sealed record ClusterView(IReadOnlyList<SiloView> Silos, SweepReport? LastSweep);

    /// <summary>Where a tenant's feed grain is active.</summary>
    /// <param name="TenantId">The tenant.</param>
    /// <param name="Silo">The silo's address, or null when the feed is not active anywhere.</param>
    internal sealed record FeedLocation(string TenantId, string? Silo);

    /// <summary>One silo.</summary>
    /// <param name="Address">Orleans' address: ip:port@generation.</param>
    /// <param name="Name">The silo's name.</param>
    /// <param name="Host">The machine.</param>
    /// <param name="Status">Joining, Active, ShuttingDown, Stopping, Dead...</param>
    /// <param name="StartedAt">When it started.</param>
    /// <param name="GatewayPort">Where Orleans clients connect (0: none).</param>
    /// <param name="Activations">Activations per grain class (active silos only).</param>
    internal sealed record SiloView(string Address, string Name, string Host, string Status, DateTimeOffset StartedAt, int GatewayPort, IReadOnlyDictionary<string, int> Activations);
}
