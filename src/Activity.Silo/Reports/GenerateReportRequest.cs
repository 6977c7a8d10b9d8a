using Activity.Silo.Http;

namespace Activity.Silo.Reports;

/// <summary>The body of <c>POST /api/reports/generate</c>.</summary>
/// <param name="TemplateId">The template to run now.</param>
internal sealed record GenerateReportRequest([property: RequiredField, Text(64)] string? TemplateId);
