using Orleans.Runtime.Services;

namespace Activity.Grains.Tenants;

/// <summary>Calls the <see cref="ITenantKeyService"/> of a given silo.</summary>
public sealed class TenantKeyServiceClient(IServiceProvider services) : GrainServiceClient<ITenantKeyService>(services)
{
    /// <summary>Tells <paramref name="silo"/> to forget the tenant's keys.</summary>
    public Task ForgetKeysAsync(SiloAddress silo, string tenantId) => GetGrainService(silo).ForgetKeysAsync(tenantId);
}
