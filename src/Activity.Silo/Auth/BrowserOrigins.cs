using System.Collections.Frozen;
using Activity.Grains.Tenants;

namespace Activity.Silo.Auth;

/// <summary>
/// The origins each tenant lets call the routes a user token opens (<see cref="Tenant.AllowedOrigins"/>),
/// as this silo knows them: read from the tenant store at most every 5 seconds, when a browser asks, and
/// at once after a change made through this silo. Another silo's change is seen within 5 seconds.
/// </summary>
internal sealed class BrowserOrigins(ITenantStore store, TimeProvider timeProvider)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>Whether the tenant allows pages of <paramref name="origin"/>.</summary>
    public async ValueTask<bool> AllowsAsync(string tenantId, string origin, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        return snapshot.ByTenant.TryGetValue(tenantId, out var allowed) && (allowed.Contains("*") || allowed.Contains(origin));
    }

    /// <summary>
    /// Whether any tenant allows pages of <paramref name="origin"/>: what a preflight, which carries no
    /// credential, can be answered by. The request that follows is checked against its own tenant.
    /// </summary>
    public async ValueTask<bool> AnyAllowsAsync(string origin, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        return snapshot.AnyTenantAllowsEveryOrigin || snapshot.AllOrigins.Contains(origin);
    }

    /// <summary>Reads the origins again on the next request (a tenant's were changed through this silo).</summary>
    public void Forget() => _snapshot = null;

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_snapshot is { } known && now - known.ReadAt < Fresh)
        {
            return known;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } other && now - other.ReadAt < Fresh)
            {
                return other;
            }

            var tenants = await store.ListAsync(cancellationToken);
            var byTenant = tenants.Where(t => t.AllowedOrigins.Length > 0).ToFrozenDictionary(t => t.Id, t => t.Origins.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
            var snapshot = new Snapshot(
                now,
                byTenant,
                byTenant.Values.SelectMany(o => o).ToFrozenSet(StringComparer.Ordinal),
                byTenant.Values.Any(o => o.Contains("*")));
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, FrozenDictionary<string, FrozenSet<string>> ByTenant, FrozenSet<string> AllOrigins, bool AnyTenantAllowsEveryOrigin);
}
