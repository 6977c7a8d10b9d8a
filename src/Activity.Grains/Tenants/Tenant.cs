namespace Activity.Grains.Tenants;

/// <summary>An application that sends events and reads its own feed, and nothing of anyone else's.</summary>
/// <param name="Id">Generated at creation (<c>ten_...</c>).</param>
/// <param name="Name">Unique, ignoring case.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="KeyRotatedAt">When its current API key was issued.</param>
/// <param name="RetentionDays">How many days its raw events are kept (the retention job removes older ones).</param>
/// <param name="AllowedOrigins">
/// The origins whose pages may call the routes a user token opens, space-separated (<c>https://app.example.com</c>,
/// or <c>*</c> for any); none by default. Text rather than a list, so tenants compare by value.
/// </param>
/// <param name="ReportMail">Whether its reports may be mailed (the operator's SMTP server); off by default.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.Tenant")]
public sealed record Tenant(
    string Id,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset KeyRotatedAt,
    int RetentionDays = Tenant.DefaultRetentionDays,
    string AllowedOrigins = "",
    bool ReportMail = false)
{
    /// <summary>The allowed origins, one by one.</summary>
    public IReadOnlyList<string> Origins => AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A new tenant's retention (also sql/008's column default).</summary>
    public const int DefaultRetentionDays = 90;

    /// <summary>The longest retention a tenant may choose (also sql/008's check).</summary>
    public const int MaxRetentionDays = 3650;
}
