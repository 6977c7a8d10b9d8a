using System.Text.RegularExpressions;
using Activity.Grains.Export;
using Activity.Domain.Reports;
using Activity.Grains.Analytics.Export;

namespace Activity.Grains.Reports;

/// <summary>What a report template must be; every field that is not, with what to fix.</summary>
public static partial class ReportTemplateRules
{
    /// <summary>Most recipients a template may have.</summary>
    public const int MaxRecipients = 20;

    /// <summary>Every problem of <paramref name="template"/> under the operator's limits, by field; empty when it is fine.</summary>
    public static Dictionary<string, string[]> Problems(ReportTemplate template, ReportsOptions limits)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string problem) => problems[field] = [problem];

        if (!IdPattern().IsMatch(template.Id ?? ""))
        {
            Add("id", "id must be 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(template.Name) || template.Name.Length > 200)
        {
            Add("name", "name must be 1 to 200 characters.");
        }

        if ((template.Description?.Length ?? 0) > 1000)
        {
            Add("description", "description must be at most 1,000 characters.");
        }

        var (schedule, problem) = ReportSchedule.Parse(template.Schedule, template.TimeZone);
        if (problem is not null)
        {
            Add(problem.StartsWith("timeZone", StringComparison.Ordinal) ? "timeZone" : "schedule", problem);
        }
        else if (schedule!.ShortestGap(limits.MinScheduleInterval) is var gap && gap < limits.MinScheduleInterval)
        {
            Add("schedule", $"schedule runs {Minutes(gap)} apart at times; a report may run at most once every {Minutes(limits.MinScheduleInterval)}.");
        }

        if (ExportFormats.Parse(template.Format ?? "") is null)
        {
            Add("format", $"format must be one of {string.Join(", ", ExportFormats.Names)}.");
        }

        if (template.Metrics is not { Count: > 0 and <= 10 } metrics || metrics.Any(m => !AnalyticsExporter.Metrics.Contains(m)) || metrics.Distinct().Count() != metrics.Count)
        {
            Add("metrics", $"metrics must be 1 to 10 different ones of {string.Join(", ", AnalyticsExporter.Metrics)}.");
        }

        if (template.Recipients is null || template.Recipients.Count > MaxRecipients)
        {
            Add("recipients", $"recipients must be a list of at most {MaxRecipients}.");
        }
        else if (template.Recipients.FirstOrDefault(r => ReportRecipient.KindOf(r) is null) is { } bad)
        {
            Add("recipients", $"Each recipient must be an https webhook URL or an e-mail address; '{bad}' is neither.");
        }
        else if (template.Recipients.Where(r => ReportRecipient.KindOf(r) == "webhook").Select(r => WebhookAddresses.Problem(r, limits)).FirstOrDefault(p => p is not null) is { } refused)
        {
            Add("recipients", refused);
        }

        return problems;
    }

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes == 1 ? "1 minute" : $"{span.TotalMinutes:0.#} minutes";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
