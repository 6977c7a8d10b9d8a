using Orleans.Services;

namespace Activity.Grains.Tenants;

/// <summary>Runs on every silo: the way a <see cref="TenantGrain"/> reaches each silo's key cache.</summary>
[Alias("activity.ITenantKeyService")]
public interface ITenantKeyService : IGrainService
{
    /// <summary>Forgets the tenant's remembered keys on this silo.</summary>
    [Alias("ForgetKeys")]
    Task ForgetKeysAsync(string tenantId);
}
