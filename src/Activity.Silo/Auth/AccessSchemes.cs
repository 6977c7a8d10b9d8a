namespace Activity.Silo.Auth;

/// <summary>
/// The silo's authentication schemes, one per kind of credential, and the claims they set. Routes name
/// <see cref="Bearer"/>, which hands the request to the scheme its credential's shape belongs to.
/// </summary>
internal static class AccessSchemes
{
    /// <summary>Picks one of the schemes below by the shape of the credential presented.</summary>
    public const string Bearer = "Bearer";

    /// <summary>A tenant's API key (<c>act_...</c>): its servers.</summary>
    public const string TenantKey = "TenantKey";

    /// <summary>A signed, short-lived token for one user of a tenant: browsers.</summary>
    public const string UserToken = "UserToken";

    /// <summary>The operators' key (<c>Activity:AdminKey</c>).</summary>
    public const string AdminKey = "AdminKey";

    /// <summary>The deploy hooks' secret (<c>x-drain-secret</c>).</summary>
    public const string DrainSecret = "DrainSecret";

    /// <summary>The claim holding the tenant id.</summary>
    public const string TenantClaim = "activity:tenant";

    /// <summary>The claim holding a user token's user id.</summary>
    public const string UserClaim = "activity:user";
}
