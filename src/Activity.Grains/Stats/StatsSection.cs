namespace Activity.Grains.Stats;

/// <summary>The sections of platform statistics, each kept by its own grain.</summary>
public enum StatsSection
{
    /// <summary>Users seen, registered, and new.</summary>
    Users,

    /// <summary>Submissions.</summary>
    Submissions,

    /// <summary>Views, votes and comments.</summary>
    Activity,

    /// <summary>Newsletter subscribers.</summary>
    Newsletter,
}

/// <summary>Names and keys of sections.</summary>
public static class StatsSections
{
    /// <summary>Every section.</summary>
    public static IReadOnlyList<StatsSection> All { get; } = Enum.GetValues<StatsSection>();

    /// <summary>The section's name as the API shows it: "users", "submissions", "activity", "newsletter".</summary>
    public static string Name(this StatsSection section) => section.ToString().ToLowerInvariant();

    /// <summary>The key of a tenant's section grain: <c>{tenantId}/{name}</c>.</summary>
    public static string Key(string tenantId, StatsSection section) => $"{tenantId}/{section.Name()}";

    /// <summary>The tenant and section of a key made by <see cref="Key"/>.</summary>
    public static (string TenantId, StatsSection Section) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && Enum.TryParse<StatsSection>(key[(slash + 1)..], ignoreCase: true, out var section)
            ? (key[..slash], section)
            : throw new ArgumentException($"'{key}' is not a stats section key; make one with StatsSections.Key.", nameof(key));
    }
}
