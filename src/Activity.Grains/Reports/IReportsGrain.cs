namespace Activity.Grains.Reports;

/// <summary>
/// A tenant's scheduled reports (keyed by tenant id): its templates (the reference's four to start with),
/// the schedule that runs them from one reminder, and on-demand runs. Runs themselves are in
/// <see cref="IReportStore"/>.
/// </summary>
[Alias("activity.IReportsGrain")]
public interface IReportsGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the tenant has its templates and, when one is active, the reminder; idempotent.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Every template with its next slot.</summary>
    [Alias("Templates")]
    Task<IReadOnlyList<ScheduledTemplate>> GetTemplatesAsync();

    /// <summary>One template with its next slot, or null.</summary>
    [Alias("Template")]
    Task<ScheduledTemplate?> GetTemplateAsync(string id);

    /// <summary>Adds a template (valid: <see cref="ReportTemplateRules"/>), unless its id is taken or the tenant has as many as it may.</summary>
    [Alias("Create")]
    Task<TemplateCreation> CreateTemplateAsync(ReportTemplate template);

    /// <summary>Replaces a template and reschedules it; false when there is none of its id.</summary>
    [Alias("Update")]
    Task<bool> UpdateTemplateAsync(ReportTemplate template);

    /// <summary>Removes a template and its schedule (its runs stay); false when there is none.</summary>
    [Alias("Delete")]
    Task<bool> DeleteTemplateAsync(string id);

    /// <summary>Starts a run of the template now; the run as it started, or null for an unknown template.</summary>
    [Alias("Generate")]
    Task<ReportRun?> GenerateAsync(string templateId);

    /// <summary>Runs what is due: abandoned runs taken over, then each active template's due slot (the latest, once).</summary>
    [Alias("Tick")]
    Task TickAsync();

    /// <summary>Template and run counts.</summary>
    [Alias("Statistics")]
    Task<ReportStatistics> GetStatisticsAsync();

    /// <summary>The secret webhook signatures are made with.</summary>
    [Alias("WebhookSecret")]
    Task<string> GetWebhookSecretAsync();
}

/// <summary>A template and when its schedule runs it next (null while inactive).</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.ScheduledTemplate")]
public sealed record ScheduledTemplate(ReportTemplate Template, DateTimeOffset? NextRun);

/// <summary>What <c>GET /api/reports/statistics</c> answers.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.ReportStatistics")]
public sealed record ReportStatistics(int TotalTemplates, int ActiveTemplates, long SuccessfulReports, long FailedReports);

/// <summary>What <see cref="IReportsGrain.CreateTemplateAsync"/> did.</summary>
public enum TemplateCreation
{
    /// <summary>The template was added.</summary>
    Created,

    /// <summary>There is a template of its id already.</summary>
    IdTaken,

    /// <summary>The tenant has <see cref="ReportsOptions.MaxTemplatesPerTenant"/> templates already.</summary>
    TooMany,
}
