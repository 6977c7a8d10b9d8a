using System.Text.Json.Nodes;

namespace Activity.Testing;

/// <summary>Reads <c>GET /api/admin/cluster</c> and <c>/feeds/{tenant}</c> answers.</summary>
public static class ClusterView
{
    /// <summary>The cluster as <paramref name="observer"/> sees it (<c>GET /api/admin/cluster</c>).</summary>
    public static async Task<JsonNode> ReadAsync(SiloProcess observer)
    {
        using var admin = ProcessCluster.Admin(observer);
        return JsonNode.Parse(await admin.GetStringAsync("/api/admin/cluster"))!;
    }

    /// <summary>The status (Active, Dead...) <paramref name="observer"/> gives <paramref name="silo"/>, or null when it does not list it.</summary>
    public static async Task<string?> StatusAsync(SiloProcess observer, SiloProcess silo)
    {
        var view = await ReadAsync(observer);
        return view["silos"]!.AsArray()
            .Where(s => IsOf(s!, silo))
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
        var view = await ReadAsync(observer);
        var node = view["silos"]!.AsArray().Single(s => IsOf(s!, silo) && (string?)s!["status"] == "Active");
        return node!["activations"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!);
    }

    // Whether an entry of the view's silo list is that silo process (its address, any generation).
    private static bool IsOf(JsonNode entry, SiloProcess silo) =>
        ((string)entry["address"]!).StartsWith(silo.AddressPrefix, StringComparison.Ordinal);
}
