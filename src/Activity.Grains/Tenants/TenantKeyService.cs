using Microsoft.Extensions.Logging;
using Orleans.Runtime.Services;
using Orleans.Services;

namespace Activity.Grains.Tenants;

/// <summary>What a silo remembers of tenant keys (the HTTP layer's key cache).</summary>
public interface ITenantKeyCache
{
    /// <summary>Forgets every remembered key of the tenant, so its next request looks the key up again.</summary>
    void Forget(string tenantId);
}

/// <summary>Runs on every silo: the way a <see cref="TenantGrain"/> reaches each silo's key cache.</summary>
[Alias("activity.ITenantKeyService")]
public interface ITenantKeyService : IGrainService
{
    /// <summary>Forgets the tenant's remembered keys on this silo.</summary>
    [Alias("ForgetKeys")]
    Task ForgetKeysAsync(string tenantId);
}

/// <summary>This silo's <see cref="ITenantKeyService"/>.</summary>
internal sealed class TenantKeyService(GrainId id, Silo silo, ILoggerFactory loggers, ITenantKeyCache cache)
    : GrainService(id, silo, loggers), ITenantKeyService
{
    public Task ForgetKeysAsync(string tenantId)
    {
        cache.Forget(tenantId);
        return Task.CompletedTask;
    }
}

/// <summary>Calls the <see cref="ITenantKeyService"/> of a given silo.</summary>
public sealed class TenantKeyServiceClient(IServiceProvider services) : GrainServiceClient<ITenantKeyService>(services)
{
    /// <summary>Tells <paramref name="silo"/> to forget the tenant's keys.</summary>
    public Task ForgetKeysAsync(SiloAddress silo, string tenantId) => GetGrainService(silo).ForgetKeysAsync(tenantId);
}
