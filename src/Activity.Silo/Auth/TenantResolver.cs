using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Claims;
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
    private readonly ConcurrentDictionary<KeyHash, Known> _known = new();

    /// <summary>The key's tenant, as a principal of the tenant scheme, or null.</summary>
    public async ValueTask<ClaimsPrincipal?> ResolveAsync(string apiKey, CancellationToken cancellationToken)
    {
        var hash = TenantKeys.Hash(apiKey);
        var key = new KeyHash(hash);
        var now = timeProvider.GetUtcNow();
        if (_known.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.Principal;
        }

        var tenant = await store.FindByKeyHashAsync(hash, cancellationToken);
        if (tenant is null)
        {
            _known.TryRemove(key, out _);
            return null;
        }

        // One principal per tenant, shared by its requests: nothing downstream changes it.
        var identity = new ClaimsIdentity([new Claim(AuthSchemes.TenantIdClaim, tenant.Id), new Claim(ClaimTypes.Name, tenant.Name)], AuthSchemes.Tenant);
        var principal = new ClaimsPrincipal(identity);
        _known[key] = new Known(tenant.Id, principal, now + Remember);
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

    private sealed record Known(string TenantId, ClaimsPrincipal Principal, DateTimeOffset Until);

    // A SHA-256 as four words: a dictionary key without a string per request.
    private readonly record struct KeyHash(ulong A, ulong B, ulong C, ulong D)
    {
        public KeyHash(byte[] hash)
            : this(Word(hash, 0), Word(hash, 1), Word(hash, 2), Word(hash, 3))
        {
        }

        private static ulong Word(byte[] hash, int index) => MemoryMarshal.Read<ulong>(hash.AsSpan(index * 8, 8));
    }
}
