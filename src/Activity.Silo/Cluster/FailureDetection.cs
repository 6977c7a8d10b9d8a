using Orleans.Configuration;

namespace Activity.Silo.Cluster;

/// <summary>
/// How quickly a silo that stopped answering is declared dead, so its grains answer on the survivors:
/// until then, calls to its grains wait. Orleans' defaults take 10–60 s; with these a killed silo is dead
/// within about a second and a hung one (SIGSTOP) within about 5 (see the README for the figures).
/// </summary>
internal static class FailureDetection
{
    public static void Tune(ClusterMembershipOptions options)
    {
        // Each silo probes the others about every second; 2 missed probes in a row make it a suspect
        // (after a third silo probed it for the suspecter and got no answer either), and 2 votes of
        // different silos make it dead. Two seconds without a single answer is not a busy silo but a
        // gone one: the load script on 2 cores declares no silo dead with these.
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 2;

        // Suspicions expire unless renewed, so old votes cannot add up to a death.
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);

        // Silos read the membership table every 2 s besides gossip, so a death is seen quickly even when
        // a gossip message is lost; heartbeats are written every 5 s, for the record and for clients.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }

    /// <summary>Runs after the settings are bound: caps probe timeouts at twice <c>ProbeTimeout</c>, unless <c>MaxProbeTimeout</c> was set.</summary>
    public static void CapProbeTimeouts(ClusterMembershipOptions options, IConfiguration membership)
    {
        // Orleans stretches a silo's probe timeout while probes fail, up to MaxProbeTimeout (4x
        // ProbeTimeout by default), and holds back votes against a silo it heard from within
        // MaxProbeTimeout x NumMissedProbesLimit. At 4x a hung silo (SIGSTOP) took 8-19 s to be
        // declared dead; at 2x it takes about 5.
        if (membership[nameof(ClusterMembershipOptions.MaxProbeTimeout)] is null)
        {
            options.MaxProbeTimeout = options.ProbeTimeout * 2;
        }
    }
}
