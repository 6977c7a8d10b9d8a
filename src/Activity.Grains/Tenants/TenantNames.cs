namespace Activity.Grains.Tenants;

/// <summary>What a tenant's name may be: unique ignoring case (the store checks), trimmed, printable.</summary>
public static class TenantNames
{
    /// <summary>The longest tenant name.</summary>
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="name"/> cannot name a tenant, or null when it can.</summary>
    public static string? Problem(string? name) => name?.Trim() switch
    {
        null or "" => "'name' is required: a non-empty string.",
        { Length: > MaxLength } => $"'name' is at most {MaxLength} characters.",
        var trimmed when trimmed.Any(char.IsControl) => "'name' cannot contain control characters.",
        _ => null,
    };
}
