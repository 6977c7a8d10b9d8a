namespace Activity.Grains.Tenants;

/// <summary>What a silo remembers of tenant keys (the HTTP layer's key cache).</summary>
public interface ITenantKeyCache
{
    /// <summary>Forgets every remembered key of the tenant, so its next request looks the key up again.</summary>
    void Forget(string tenantId);
}
