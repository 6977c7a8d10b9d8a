using Activity.Grains.Tenants;
using Activity.Silo.Feed;

namespace Activity.Silo.Auth;

/// <summary>
/// What this silo does when a tenant's key is rotated (every silo is told, see <c>TenantGrain</c>): it
/// forgets the old key and the user tokens' signing key, so neither opens anything from now on, and ends
/// the tenant's open streams here, which the old key or its tokens opened (their clients reconnect with
/// a new credential and Last-Event-ID, and miss nothing).
/// </summary>
internal sealed class RotationNotice(TenantResolver keys, UserTokens tokens, FeedFanout streams) : ITenantKeyCache
{
    public Task ForgetAsync(string tenantId)
    {
        keys.Forget(tenantId);
        tokens.Forget(tenantId);
        return streams.RevokeAsync(tenantId);
    }
}
