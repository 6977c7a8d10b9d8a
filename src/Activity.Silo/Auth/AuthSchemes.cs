namespace Activity.Silo.Auth;

/// <summary>Names of the silo's authentication: who a tenant's principal is and which claim holds its id.</summary>
internal static class AuthSchemes
{
    /// <summary>The authentication type of a tenant's principal.</summary>
    public const string Tenant = "TenantKey";

    /// <summary>The claim holding the tenant id.</summary>
    public const string TenantIdClaim = "activity:tenant";
}
