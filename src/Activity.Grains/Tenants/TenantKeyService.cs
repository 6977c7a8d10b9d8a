using Microsoft.Extensions.Logging;

namespace Activity.Grains.Tenants;

/// <summary>This silo's <see cref="ITenantKeyService"/>.</summary>
internal sealed class TenantKeyService(GrainId id, Silo silo, ILoggerFactory loggers, ITenantKeyCache cache)
    : GrainService(id, silo, loggers), ITenantKeyService
{
    public Task ForgetKeysAsync(string tenantId) => cache.ForgetAsync(tenantId);
}
