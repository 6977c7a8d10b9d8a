using Orleans.Configuration;

namespace Activity.Silo.Cluster;

/// <summary>
/// How quickly a silo that stopped answering is declared dead, so its grains answer on the survivors.
/// Orleans' defaults take 10–60 s; these take about 2 s after <c>kill -9</c> (the connection is refused
/// at once) and about 10 s for a hung process (probes time out), measured on this project's cluster suite.
/// </summary>
internal static class FailureDetection
{
    public static void Tune(ClusterMembershipOptions options)
    {
        // Each silo probes 3 others every 2 s; 3 missed probes in a row make it a suspect, and 2 votes
        // (of different silos) make it dead. A busy silo on a loaded 2-core machine answers probes well
        // within 6 s, so this does not shoot down silos that are merely slow (checked under the load script).
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        options.NumVotesForDeathDeclaration = 2;

        // Suspicions expire unless renewed, so old votes cannot add up to a death.
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);

        // Silos read the membership table every 2 s besides gossip, so a death is seen quickly even when
        // a gossip message is lost; heartbeats are written every 5 s, for the record and for clients.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }
}
