using System.Collections.Concurrent;
using System.Security.Claims;
using Activity.Grains.Tenants;

namespace Activity.Silo.Auth;

/// <summary>
/// Finds the tenant of an API key. Every request asks, so a found key is remembered for a minute:
/// a key rotated on this silo stops at once; on other silos within that minute. Unknown keys are not
/// remembered, so a new tenant's key works immediately.
/// </summary>
/// <remarks>
/// Remembered by the key itself, not its hash: hashing every request's key was a visible share of an
/// emit's cost, and the key is in this process's memory for the request anyway. Only keys that were
/// found are held, and expired ones are swept once there are many, so memory stays bounded by the
/// keys in use.
/// </remarks>
internal sealed class TenantResolver(ITenantStore store, TimeProvider timeProvider)
{
    private const int SweepAbove = 4096;
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    /// <summary>The key's tenant, as a principal of the tenant scheme, or null.</summary>
    public async ValueTask<ClaimsPrincipal?> ResolveAsync(string apiKey, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_known.TryGetValue(apiKey, out var known) && known.Until > now)
        {
            return known.Principal;
        }

        var tenant = await store.FindByKeyHashAsync(TenantKeys.Hash(apiKey), cancellationToken);
        if (tenant is null)
        {
            _known.TryRemove(apiKey, out _);
            return null;
        }

        // One principal per tenant, shared by its requests: nothing downstream changes it.
        var identity = new ClaimsIdentity([new Claim(AuthSchemes.TenantIdClaim, tenant.Id), new Claim(ClaimTypes.Name, tenant.Name)], AuthSchemes.Tenant);
        var principal = new ClaimsPrincipal(identity);
        if (_known.Count >= SweepAbove)
        {
            Sweep(now);
        }

        _known[apiKey] = new Known(tenant.Id, principal, now + Remember);
        return principal;
    }

    /// <summary>Forgets every remembered key of the tenant (after its key was rotated here).</summary>
    public void Forget(string tenantId)
    {
        foreach (var entry in _known.Where(e => e.Value.TenantId == tenantId))
        {
            _known.TryRemove(entry);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var entry in _known.Where(e => e.Value.Until <= now))
        {
            _known.TryRemove(entry);
        }
    }

    private sealed record Known(string TenantId, ClaimsPrincipal Principal, DateTimeOffset Until);
}
