namespace Activity.Grains.Tenants;

/// <summary>What a silo holds on a tenant's key's word: the HTTP layer's key cache and the streams opened with the key.</summary>
public interface ITenantKeyCache
{
    /// <summary>
    /// The tenant's key was rotated: forgets every remembered key of the tenant, so its next request
    /// looks the key up again, and ends what the old key opened.
    /// </summary>
    Task ForgetAsync(string tenantId);
}
