using Activity.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>The silo's own secrets: the admin key and the cluster key, separate so that neither opens the other's door.</summary>
internal sealed class SiloKeys(IOptions<SiloOptions> options)
{
    /// <summary>Guards <c>/api/admin/*</c>.</summary>
    public SiloKey Admin { get; } = new(options.Value.AdminKey, "adm_");

    /// <summary>Guards <c>/internal/grains</c> (Activity.Client, other silos).</summary>
    public SiloKey Cluster { get; } = new(options.Value.ClusterKey, "cls_");
}
