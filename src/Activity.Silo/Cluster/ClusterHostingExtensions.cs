using Activity.Memory;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Activity.Silo.Cluster;

/// <summary>The Orleans side of a silo that does not depend on where data lives.</summary>
internal static class ClusterHostingExtensions
{
    /// <summary>
    /// The embedded silo: one silo on this machine (localhost clustering on
    /// <c>Orleans:Endpoints:SiloPort</c> and <c>GatewayPort</c>, default 11111 and 30000), with grain
    /// every store, grain state, stream subscriptions and reminders in memory.
    /// </summary>
    public static ISiloBuilder AddActivityEmbedded(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.UseLocalhostClustering(
            configuration.GetValue("Orleans:Endpoints:SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
            configuration.GetValue("Orleans:Endpoints:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT));
        silo.AddActivityMemoryStores();
        return silo;
    }

    /// <summary>
    /// Failure detection, the dashboard, and the grain id on every log line a grain call writes.
    /// Membership settings bind from <c>Orleans:Membership</c> over the defaults below.
    /// </summary>
    public static ISiloBuilder AddActivityCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var membership = configuration.GetSection("Orleans:Membership");
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(FailureDetection.Tune)
            .Bind(membership)
            .PostConfigure(options => FailureDetection.CapProbeTimeouts(options, membership));
        silo.AddDashboard();
        silo.AddIncomingGrainCallFilter<GrainLogScope>();
        return silo;
    }
}
