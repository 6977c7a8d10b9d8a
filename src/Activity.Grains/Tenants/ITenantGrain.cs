namespace Activity.Grains.Tenants;

/// <summary>
/// One tenant (key: its id), the owner of its API key: creates the tenant, rotates its key (and tells
/// every silo to forget the old one at once), and answers who the tenant is.
/// </summary>
[Alias("activity.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant with this grain's id; null when the name (ignoring case) is taken. The key is in the result and nowhere else.</summary>
    [Alias("Create")]
    Task<IssuedKey?> CreateAsync(string name);

    /// <summary>Issues a new key, retiring the old one on every silo; null when there is no such tenant.</summary>
    [Alias("RotateKey")]
    Task<IssuedKey?> RotateKeyAsync();

    /// <summary>Sets how many days the tenant's raw events are kept; the updated tenant, or null when there is none.</summary>
    [Alias("SetRetention")]
    Task<Tenant?> SetRetentionAsync(int retentionDays);

    /// <summary>Sets what browsers and mail may do for the tenant; a null leaves that setting as it is. The updated tenant, or null when there is none.</summary>
    [Alias("SetAccess")]
    Task<Tenant?> SetAccessAsync(string? allowedOrigins, bool? reportMail);

    /// <summary>The tenant, or null when there is none.</summary>
    [Alias("Get")]
    Task<Tenant?> GetAsync();
}

/// <summary>A tenant and its API key: the key exists only in this answer (only its hash is stored).</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="ApiKey">Its key.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.IssuedKey")]
public sealed record IssuedKey(Tenant Tenant, string ApiKey);
