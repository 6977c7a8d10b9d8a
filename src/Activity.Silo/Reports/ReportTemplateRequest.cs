using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Activity.Grains.Reports;
using Activity.Silo.Http;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Reports;

/// <summary>
/// The body of <c>POST /api/reports/templates</c> and <c>PUT .../templates/{id}</c>. Left-out fields
/// take the defaults: zone UTC, format csv, metadata on, no recipients, active. The template's own rules
/// (<see cref="ReportTemplateRules"/>: schedule, zone, format, metrics, recipients, id) are checked here too.
/// </summary>
/// <param name="Id">Lowercase letters, digits and '-'; made up when left out (a PUT's is the route's).</param>
/// <param name="Name">What the template is called.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Schedule">daily, weekly, monthly, quarterly or a five-field cron expression.</param>
/// <param name="TimeZone">The IANA time zone the schedule is read in.</param>
/// <param name="Format">csv, json or xlsx.</param>
/// <param name="Metrics">What the report holds (1 to 10 metric names).</param>
/// <param name="IncludeMetadata">Whether the file starts with what it is and when it was made.</param>
/// <param name="Recipients">E-mail addresses and https webhook URLs.</param>
/// <param name="IsActive">Whether the schedule runs.</param>
internal sealed record ReportTemplateRequest(
    [property: Text(64)] string? Id,
    [property: RequiredField, Text(200)] string? Name,
    [property: Text(1000)] string? Description,
    [property: RequiredField, Text(100)] string? Schedule,
    [property: Text(100)] string? TimeZone,
    [property: Text(10)] string? Format,
    [property: RequiredField] IReadOnlyList<string>? Metrics,
    bool? IncludeMetadata,
    IReadOnlyList<string>? Recipients,
    bool? IsActive) : IValidatableObject
{
    private const int MaxMetrics = 10;
    private const int MaxMetricLength = 50;
    private const int MaxRecipientLength = 320;

    /// <summary>The template, once the request is valid, with <paramref name="routeId"/> (a PUT's) or its own id.</summary>
    public ReportTemplate ToTemplate(string? routeId) => new(
        routeId ?? Id ?? "report-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
        Name!,
        Description ?? "",
        Schedule!,
        TimeZone ?? "UTC",
        Format ?? "csv",
        Metrics!,
        IncludeMetadata ?? true,
        Recipients ?? [],
        IsActive ?? true);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var lists = new[]
        {
            (Name: nameof(Metrics), List: Metrics, MaxCount: MaxMetrics, MaxLength: MaxMetricLength),
            (Name: nameof(Recipients), List: Recipients, MaxCount: ReportTemplateRules.MaxRecipients, MaxLength: MaxRecipientLength),
        };
        var badLists = lists.Where(l => l.List is { } list && (list.Count > l.MaxCount || list.Any(s => s is not { Length: > 0 } || s.Length > l.MaxLength))).ToList();
        foreach (var (name, _, maxCount, maxLength) in badLists)
        {
            yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"must be an array of at most {maxCount} strings of 1 to {maxLength} characters."), [name]);
        }

        if (badLists.Count > 0)
        {
            yield break;
        }

        var limits = validationContext.GetRequiredService<IOptions<ReportsOptions>>().Value;
        foreach (var (field, problems) in ReportTemplateRules.Problems(ToTemplate(routeId: null), limits))
        {
            yield return new ValidationResult(problems[0], [field]);
        }
    }
}
