namespace Activity.Grains.Tenants;

/// <summary>An application that sends events and reads its own feed, and nothing of anyone else's.</summary>
/// <param name="Id">Generated at creation (<c>ten_...</c>).</param>
/// <param name="Name">Unique, ignoring case.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="KeyRotatedAt">When its current API key was issued.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.Tenant")]
public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset KeyRotatedAt);
