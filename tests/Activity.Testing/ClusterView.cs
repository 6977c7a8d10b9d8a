using System.Text.Json.Nodes;

namespace Activity.Testing;

/// <summary>Reads <c>GET /api/admin/cluster</c> and <c>/feeds/{tenant}</c> answers.</summary>
public static class ClusterView
{
    /// <summary>The status (Active, Dead...) <paramref name="observer"/> gives <paramref name="silo"/>, or null when it does not list it.</summary>
    public static async Task<string?> StatusAsync(SiloProcess observer, SiloProcess silo)
    {
        var view = await ProcessCluster.ClusterViewAsync(observer);
        return view["silos"]!.AsArray()
            .Where(s => ((string)s!["address"]!).StartsWith(silo.AddressPrefix, StringComparison.Ordinal))
            .Select(s => (string?)s!["status"])
            .FirstOrDefault();
    }

    /// <summary>The silo process the tenant's feed grain is active on, as <paramref name="observer"/> finds it; null when none.</summary>
    public static async Task<SiloProcess?> FeedSiloAsync(SiloProcess observer, string tenantId, IEnumerable<SiloProcess> silos)
    {
        using var admin = ProcessCluster.Admin(observer);
        var location = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/cluster/feeds/{tenantId}"))!;
        var address = (string?)location["silo"];
        return address is null ? null : silos.Single(s => address.StartsWith(s.AddressPrefix, StringComparison.Ordinal));
    }

    /// <summary>Activations per grain class on <paramref name="silo"/>, as <paramref name="observer"/> counts them.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> ActivationsAsync(SiloProcess observer, SiloProcess silo)
    {
        var view = await ProcessCluster.ClusterViewAsync(observer);
        var node = view["silos"]!.AsArray().Single(s => ((string)s!["address"]!).StartsWith(silo.AddressPrefix, StringComparison.Ordinal) && (string?)s["status"] == "Active");
        return node!["activations"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!);
    }
}
