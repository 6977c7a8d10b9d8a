using System.Collections.Concurrent;
using System.Security.Claims;
using Activity.Grains.Tenants;

namespace Activity.Silo.Auth;

/// <summary>
/// Finds the tenant of an API key. Every request asks, so a found key is remembered for a minute; a
/// rotation tells every silo to forget the tenant's keys at once (<see cref="RotationNotice"/>), and
/// the minute bounds how long a silo that missed the notice goes on. A key the store does
/// not know is remembered as refused for 10 seconds, so a client retrying with a rotated or mistyped key
/// does not cost a database query per request; that cannot delay a new key, which is random and never
/// presented before it exists. Text that is not shaped like a key is refused without a lookup.
/// </summary>
/// <remarks>
/// Remembered by the key itself, not its hash: hashing every request's key was a visible share of an
/// emit's cost, and the key is in this process's memory for the request anyway. Only keys that were
/// found are held, and expired ones are swept once there are many, so memory stays bounded by the
/// keys in use. Refused keys are held only while there are few of them: a flood of distinct made-up
/// keys is not remembered (each costs one indexed lookup, as without this memory).
/// </remarks>
internal sealed class TenantResolver(ITenantStore store, TimeProvider timeProvider)
{
    private const int SweepAbove = 4096;
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RememberRefusal = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refused = new(StringComparer.Ordinal);

    /// <summary>The key's tenant, as a principal of the tenant scheme, or null.</summary>
    public async ValueTask<ClaimsPrincipal?> ResolveAsync(string apiKey, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_known.TryGetValue(apiKey, out var known) && known.Until > now)
        {
            return known.Principal;
        }

        if (!TenantKeys.IsKeyForm(apiKey) || (_refused.TryGetValue(apiKey, out var refusedUntil) && refusedUntil > now))
        {
            return null;
        }

        var tenant = await store.FindByKeyHashAsync(TenantKeys.Hash(apiKey), cancellationToken);
        if (tenant is null)
        {
            _known.TryRemove(apiKey, out _);
            if (MakeRoom(_refused, static until => until, now))
            {
                _refused[apiKey] = now + RememberRefusal;
            }

            return null;
        }

        // One principal per tenant, shared by its requests: nothing downstream changes it.
        var identity = new ClaimsIdentity([new Claim(AccessSchemes.TenantClaim, tenant.Id), new Claim(ClaimTypes.Name, tenant.Name)], AccessSchemes.TenantKey);
        var principal = new ClaimsPrincipal(identity);
        MakeRoom(_known, static k => k.Until, now);
        _known[apiKey] = new Known(tenant.Id, principal, now + Remember);
        return principal;
    }

    /// <summary>Forgets every remembered key of the tenant (its key was rotated).</summary>
    public void Forget(string tenantId)
    {
        foreach (var entry in _known.Where(e => e.Value.TenantId == tenantId))
        {
            _known.TryRemove(entry);
        }
    }

    // Once there are many entries, drops the expired ones; false when there are still too many.
    private static bool MakeRoom<T>(ConcurrentDictionary<string, T> entries, Func<T, DateTimeOffset> until, DateTimeOffset now)
    {
        if (entries.Count < SweepAbove)
        {
            return true;
        }

        foreach (var entry in entries.Where(e => until(e.Value) <= now))
        {
            entries.TryRemove(entry);
        }

        return entries.Count < SweepAbove;
    }

    private sealed record Known(string TenantId, ClaimsPrincipal Principal, DateTimeOffset Until);
}
