using Activity.Grains.Tenants;

namespace Activity.Silo.Auth;

/// <summary>
/// What this silo does when a tenant's key is rotated (every silo is told, see <c>TenantGrain</c>): it
/// forgets the old key and the user tokens' signing key, so neither opens anything from now on.
/// </summary>
internal sealed class RotationNotice(TenantResolver keys, UserTokens tokens) : ITenantKeyCache
{
    public void Forget(string tenantId)
    {
        keys.Forget(tenantId);
        tokens.Forget(tenantId);
    }
}
