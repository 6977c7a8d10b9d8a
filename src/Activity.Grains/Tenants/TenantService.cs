namespace Activity.Grains.Tenants;

/// <summary>Creates tenants, rotates their keys, and checks names. Keys are returned once and stored hashed.</summary>
public sealed class TenantService(ITenantStore store, TimeProvider timeProvider)
{
    /// <summary>The longest tenant name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Why <paramref name="name"/> cannot name a tenant, or null when it can.</summary>
    public static string? NameProblem(string? name) => name?.Trim() switch
    {
        null or "" => "'name' is required: a non-empty string.",
        { Length: > MaxNameLength } => $"'name' is at most {MaxNameLength} characters.",
        var trimmed when trimmed.Any(char.IsControl) => "'name' cannot contain control characters.",
        _ => null,
    };

    /// <summary>Creates a tenant; null when the name is taken. The key is in the result and nowhere else.</summary>
    public async Task<(Tenant Tenant, string ApiKey)?> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var tenant = new Tenant(TenantKeys.NewTenantId(), name.Trim(), now, now);
        var key = TenantKeys.NewKey();
        return await store.CreateAsync(tenant, TenantKeys.Hash(key), cancellationToken) ? (tenant, key) : null;
    }

    /// <summary>Issues a new key for the tenant, retiring the old one; null when there is no such tenant.</summary>
    public async Task<(Tenant Tenant, string ApiKey)?> RotateKeyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var key = TenantKeys.NewKey();
        var tenant = await store.ReplaceKeyAsync(tenantId, TenantKeys.Hash(key), timeProvider.GetUtcNow(), cancellationToken);
        return tenant is null ? null : (tenant, key);
    }
}
