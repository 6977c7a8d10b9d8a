using System.ComponentModel.DataAnnotations;
using Activity.Grains.Tenants;

namespace Activity.Silo.Tenants;

/// <summary>The body of <c>PUT /api/admin/tenants/{id}</c>: a field left out keeps its value.</summary>
/// <param name="RetentionDays">How many days the tenant's raw events are kept.</param>
/// <param name="AllowedOrigins">
/// The origins whose pages may call the routes a user token opens (CORS): exact origins such as
/// <c>https://app.example.com</c>, or <c>["*"]</c> alone for any (a public demo); <c>[]</c> for none.
/// </param>
/// <param name="ReportMail">Whether the tenant's reports may be mailed through the operator's SMTP server.</param>
internal sealed record TenantSettingsRequest(
    [property: Range(1, Tenant.MaxRetentionDays, ErrorMessage = "must be a whole number from {1} to {2}.")] int? RetentionDays,
    IReadOnlyList<string>? AllowedOrigins,
    bool? ReportMail) : IValidatableObject
{
    /// <summary>The most origins a tenant may allow.</summary>
    public const int MaxOrigins = 20;

    /// <summary>The origins as stored: each normalised as browsers send it, space-separated.</summary>
    public string? OriginList => AllowedOrigins is null ? null : string.Join(' ', AllowedOrigins.Select(o => Normalise(o)!));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedOrigins is null)
        {
            yield break;
        }

        if (AllowedOrigins.Count > MaxOrigins)
        {
            yield return new ValidationResult($"must be at most {MaxOrigins} origins.", [nameof(AllowedOrigins)]);
        }
        else if (AllowedOrigins.Contains("*") && AllowedOrigins.Count > 1)
        {
            yield return new ValidationResult("'*' allows every origin and stands alone.", [nameof(AllowedOrigins)]);
        }
        else if (AllowedOrigins.FirstOrDefault(o => Normalise(o) is null) is { } bad)
        {
            yield return new ValidationResult($"'{bad}' is not an origin: give scheme, host and port only, such as https://app.example.com (no path, no wildcard but '*' alone).", [nameof(AllowedOrigins)]);
        }
    }

    // The origin as a browser's Origin header has it (lowercase scheme and host, default port left out), or null when it is not one.
    private static string? Normalise(string? origin)
    {
        if (origin == "*")
        {
            return origin;
        }

        if (origin is not { Length: > 0 and <= 200 } || origin.Contains('*', StringComparison.Ordinal)
            || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.AbsolutePath != "/" || origin.EndsWith('/') || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
    }
}
