using Activity.Domain.Milestones;

namespace Activity.Grains.Tenants;

/// <summary>Where tenants and the hashes of their API keys live (memory or PostgreSQL).</summary>
public interface ITenantStore
{
    /// <summary>Stores a new tenant with the hash of its key; false when the name (ignoring case) is taken.</summary>
    Task<bool> CreateAsync(Tenant tenant, byte[] keyHash, CancellationToken cancellationToken);

    /// <summary>Every tenant, oldest first.</summary>
    Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The tenant, or null.</summary>
    Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The tenant whose current key has this hash, or null.</summary>
    Task<Tenant?> FindByKeyHashAsync(byte[] keyHash, CancellationToken cancellationToken);

    /// <summary>
    /// The hash of the tenant's current key, or null when there is no such tenant. User tokens are
    /// signed with a key derived from it, so a rotation ends them too.
    /// </summary>
    Task<byte[]?> GetKeyHashAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Replaces the tenant's key hash (the old key stops working); the updated tenant, or null when there is none.</summary>
    Task<Tenant?> ReplaceKeyAsync(string tenantId, byte[] keyHash, DateTimeOffset rotatedAt, CancellationToken cancellationToken);

    /// <summary>Sets how long the tenant's raw events are kept; the updated tenant, or null when there is none.</summary>
    Task<Tenant?> SetRetentionAsync(string tenantId, int retentionDays, DateTimeOffset changedAt, CancellationToken cancellationToken);

    /// <summary>Sets what browsers and mail may do for the tenant (<see cref="Tenant.AllowedOrigins"/>, <see cref="Tenant.ReportMail"/>); the updated tenant, or null when there is none.</summary>
    Task<Tenant?> SetAccessAsync(string tenantId, string allowedOrigins, bool reportMail, CancellationToken cancellationToken);

    /// <summary>The tenant's milestone rules: <see cref="MilestoneRules.Off"/> until set.</summary>
    Task<MilestoneRules> GetMilestonesAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Replaces the tenant's milestone rules.</summary>
    Task SetMilestonesAsync(string tenantId, MilestoneRules rules, CancellationToken cancellationToken);
}
