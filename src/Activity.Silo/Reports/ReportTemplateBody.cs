using System.Security.Cryptography;
using System.Text.Json;
using Activity.Grains.Reports;
using Activity.Silo.Http;

namespace Activity.Silo.Reports;

/// <summary>
/// A report template as a request sends it: strict JSON (unknown fields are errors), then the template
/// rules (<see cref="ReportTemplateRules"/>), every problem under its field.
/// </summary>
internal static class ReportTemplateBody
{
    private static readonly JsonFieldNames Fields = new("id", "name", "description", "schedule", "timeZone", "format", "metrics", "includeMetadata", "recipients", "isActive");

    /// <summary>
    /// The template, or the 400 to answer. A new template's id defaults to one made up; a replaced one's is
    /// the route's (a different id in the body is an error). Left-out fields take the defaults: zone UTC,
    /// format csv, metadata on, no recipients, active.
    /// </summary>
    public static (ReportTemplate? Template, IResult? Problem) Read(JsonElement body, string? routeId)
    {
        var errors = new Dictionary<string, List<string>>();
        var fields = JsonFields.Of(body, "", errors, Fields);
        if (fields is null)
        {
            return (null, errors.ToProblem());
        }

        var id = fields.String("id", required: false, 64);
        if (routeId is not null && id is not null && id != routeId)
        {
            fields.Fail("id", $"must be the route's id '{routeId}' or left out.");
        }

        var template = new ReportTemplate(
            routeId ?? id ?? "report-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            fields.String("name", required: true, 200) ?? "",
            fields.String("description", required: false, 1000) ?? "",
            fields.String("schedule", required: true, 100) ?? "",
            fields.String("timeZone", required: false, 100) ?? "UTC",
            fields.String("format", required: false, 10) ?? "csv",
            fields.Strings("metrics", required: true, 10, 50) ?? [],
            fields.Bool("includeMetadata", required: false) ?? true,
            fields.Strings("recipients", required: false, ReportTemplateRules.MaxRecipients, 320) ?? [],
            fields.Bool("isActive", required: false) ?? true);
        if (errors.Count == 0)
        {
            foreach (var (field, problems) in ReportTemplateRules.Problems(template))
            {
                fields.Fail(field, problems[0]);
            }
        }

        return errors.ToProblem() is { } problem ? (null, problem) : (template, null);
    }
}
