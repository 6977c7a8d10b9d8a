using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Activity.Silo.Health;

/// <summary>
/// Readiness: this silo is an active member of the cluster and is not stopping. A stopping silo says so
/// at once, so a load balancer that checks readiness stops sending it requests while it drains.
/// </summary>
internal sealed class SiloHealthCheck(ISiloStatusOracle membership, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("The silo is stopping.")
            : membership.CurrentStatus == SiloStatus.Active ? HealthCheckResult.Healthy("The silo is an active member of the cluster.")
            : HealthCheckResult.Unhealthy($"The silo is {membership.CurrentStatus} in the cluster."));
}
