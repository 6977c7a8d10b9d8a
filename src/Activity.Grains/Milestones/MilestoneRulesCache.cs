using System.Collections.Concurrent;
using Activity.Domain.Milestones;
using Activity.Grains.Tenants;

namespace Activity.Grains.Milestones;

/// <summary>
/// Each silo's copy of tenants' milestone rules, read from the tenant store at most once per
/// <see cref="Remember"/> per tenant: dashboards and routers ask on every delivery. A change through
/// this silo takes effect here at once, on other silos within <see cref="Remember"/>.
/// </summary>
public sealed class MilestoneRulesCache(ITenantStore store, TimeProvider timeProvider)
{
    /// <summary>How long rules are used before they are read again.</summary>
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (MilestoneRules Rules, DateTimeOffset Until)> _rules = new(StringComparer.Ordinal);

    /// <summary>The tenant's rules.</summary>
    public async ValueTask<MilestoneRules> GetAsync(string tenantId)
    {
        var now = timeProvider.GetUtcNow();
        if (_rules.TryGetValue(tenantId, out var known) && known.Until > now)
        {
            return known.Rules;
        }

        var rules = await store.GetMilestonesAsync(tenantId, CancellationToken.None);
        _rules[tenantId] = (rules, now + Remember);
        return rules;
    }

    /// <summary>Forgets the tenant's rules: they changed.</summary>
    public void Forget(string tenantId) => _rules.TryRemove(tenantId, out _);
}
