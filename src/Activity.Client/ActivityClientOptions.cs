namespace Activity.Client;

/// <summary>Where the cluster is and how to prove the caller may call grains.</summary>
public sealed class ActivityClientOptions
{
    /// <summary>A silo, or the load balancer in front of the silos, e.g. <c>http://activity:8080/</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The silos' <c>Activity:ClusterKey</c>.</summary>
    public required string ClusterKey { get; init; }

    /// <summary>How long a call may take, end to end. Default 35 s: the silo's 30 s call timeout plus the network.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(35);
}
