using System.Collections.Concurrent;
using Activity.Grains.Tenants;

namespace Activity.Silo.Auth;

/// <summary>
/// Finds the tenant of an API key. Every request asks, so a found key is remembered for a minute:
/// a key rotated on this silo stops at once; on other silos within that minute. Unknown keys are not
/// remembered, so a new tenant's key works immediately.
/// </summary>
internal sealed class TenantResolver(ITenantStore store, TimeProvider timeProvider)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (Tenant Tenant, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    /// <summary>The key's tenant, or null.</summary>
    public async Task<Tenant?> ResolveAsync(string apiKey, CancellationToken cancellationToken)
    {
        var hash = TenantKeys.Hash(apiKey);
        var cacheKey = Convert.ToHexString(hash);
        var now = timeProvider.GetUtcNow();
        if (_known.TryGetValue(cacheKey, out var known) && known.Until > now)
        {
            return known.Tenant;
        }

        var tenant = await store.FindByKeyHashAsync(hash, cancellationToken);
        if (tenant is null)
        {
            _known.TryRemove(cacheKey, out _);
            return null;
        }

        _known[cacheKey] = (tenant, now + Remember);
        return tenant;
    }

    /// <summary>Forgets every remembered key of the tenant (after its key was rotated here).</summary>
    public void Forget(string tenantId)
    {
        foreach (var entry in _known.Where(e => e.Value.Tenant.Id == tenantId))
        {
            _known.TryRemove(entry);
        }
    }
}
