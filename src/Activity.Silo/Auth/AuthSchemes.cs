namespace Activity.Silo.Auth;

/// <summary>The silo's authentication schemes and the policies that require them (tenant keys pass <see cref="TenantKeyFilter"/>).</summary>
internal static class AuthSchemes
{
    /// <summary>The authentication type of a tenant's principal.</summary>
    public const string Tenant = "TenantKey";

    /// <summary>The admin key: <c>/api/admin/*</c>.</summary>
    public const string Admin = "AdminKey";

    /// <summary>The cluster key: <c>/internal/grains</c>.</summary>
    public const string Cluster = "ClusterKey";

    /// <summary>The claim holding the tenant id.</summary>
    public const string TenantIdClaim = "activity:tenant";
}
