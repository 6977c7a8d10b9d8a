using Activity.Runtime.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Activity.Silo.Health;

/// <summary>Readiness: the silo has started and is not stopping.</summary>
internal sealed class SiloHealthCheck(ISiloStatus silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.Status == SiloStatus.Running
            ? HealthCheckResult.Healthy("The silo is running.")
            : HealthCheckResult.Unhealthy($"The silo is {silo.Status}."));
}
