using System.Net;
using Activity.Client.Emitter;

namespace Activity.Client;

/// <summary>How a service reaches an Activity cluster over Orleans.</summary>
public sealed class ActivityClientOptions
{
    /// <summary>
    /// The cluster's PostgreSQL database: the client finds the silos' gateways in its membership table,
    /// and follows silos joining and leaving. Either this or <see cref="Gateways"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Fixed gateway endpoints (the silos' <c>Orleans:Endpoints:GatewayPort</c>), when there is no database to read them from.</summary>
    public IList<IPEndPoint> Gateways { get; } = [];

    /// <summary>The cluster's <c>Orleans:ClusterId</c>. Default <c>activity</c>, as the silos'.</summary>
    public string ClusterId { get; set; } = "activity";

    /// <summary>The cluster's <c>Orleans:ServiceId</c>. Default <c>activity</c>, as the silos'.</summary>
    public string ServiceId { get; set; } = "activity";

    /// <summary>How long the client keeps trying to reach the cluster when it starts before the host's start fails. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the client reads the gateways from the membership table. Default 10 s.</summary>
    public TimeSpan GatewayRefresh { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The cluster's certificate, when its silos run TLS (<c>Activity:Cluster:Tls</c>): the client
    /// presents it and talks only to silos that present it. Null (the default): no TLS.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClusterCertificate { get; set; }

    /// <summary>The fire-and-forget emitter.</summary>
    public ActivityEmitterOptions Emitter { get; } = new();

    /// <summary>Why these settings cannot work, or null when they can.</summary>
    public string? Problem() => this switch
    {
        { ConnectionString: { Length: > 0 }, Gateways.Count: > 0 } => "Give either ConnectionString (gateways from the membership table) or Gateways, not both.",
        { ConnectionString: null or "", Gateways.Count: 0 } => "Give ConnectionString (the cluster's PostgreSQL) or at least one gateway endpoint.",
        { ClusterId: null or "" } => "ClusterId is required: the silos' Orleans:ClusterId.",
        { ServiceId: null or "" } => "ServiceId is required: the silos' Orleans:ServiceId.",
        { ConnectTimeout: var t } when t < TimeSpan.Zero => "ConnectTimeout cannot be negative.",
        { GatewayRefresh: var r } when r <= TimeSpan.Zero => "GatewayRefresh must be positive.",
        { ClusterCertificate.HasPrivateKey: false } => "ClusterCertificate needs its private key (load the .pfx).",
        _ => Emitter.Problem(),
    };
}
