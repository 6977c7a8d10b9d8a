namespace Activity.Grains.Reports;

/// <summary>A tenant's report: what goes in it, when it runs, how it is written and to whom it goes.</summary>
/// <param name="Id">Its id (lowercase letters, digits and dashes).</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Schedule"><c>daily</c>, <c>weekly</c>, <c>monthly</c>, <c>quarterly</c> or a cron expression.</param>
/// <param name="TimeZone">The IANA zone of its schedule.</param>
/// <param name="Format"><c>csv</c>, <c>json</c> or <c>xlsx</c>.</param>
/// <param name="Metrics">The export metrics it holds (one section each, or the sections of <c>comprehensive</c>).</param>
/// <param name="IncludeMetadata">Whether JSON and XLSX files carry the metadata.</param>
/// <param name="Recipients">Webhook URLs (http, https) and e-mail addresses.</param>
/// <param name="IsActive">Whether its schedule runs.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.ReportTemplate")]
public sealed record ReportTemplate(
    string Id,
    string Name,
    string Description,
    string Schedule,
    string TimeZone,
    string Format,
    IReadOnlyList<string> Metrics,
    bool IncludeMetadata,
    IReadOnlyList<string> Recipients,
    bool IsActive)
{
    /// <summary>The four every tenant starts with, as the product's reference has them.</summary>
    public static IReadOnlyList<ReportTemplate> Defaults { get; } =
    [
        new("daily-activity-summary", "Daily Activity Summary", "Yesterday's activity per category and the newest events.", "daily", "UTC", "csv", ["activity-trends", "recent-activity"], true, [], true),
        new("weekly-user-growth", "Weekly User Growth", "Sign-ups and active users, every Monday.", "weekly", "UTC", "csv", ["user-growth"], true, [], true),
        new("monthly-comprehensive", "Monthly Comprehensive Report", "Every analytics value of the month with a summary.", "monthly", "UTC", "json", ["comprehensive"], true, [], true),
        new("quarterly-performance", "Quarterly Performance Report", "Growth, activity and the top items of the quarter.", "quarterly", "UTC", "csv", ["user-growth", "activity-trends", "top-items"], true, [], true),
    ];
}

/// <summary>One run of a template: a slot of its schedule, a catch-up of a missed one, or one asked for.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="TemplateId">The template.</param>
/// <param name="TemplateName">Its name at the time.</param>
/// <param name="Slot">The schedule's slot it ran for; null when asked for.</param>
/// <param name="Trigger"><c>scheduled</c>, <c>catch-up</c> (the latest slot missed while no silo ran it) or <c>manual</c>.</param>
/// <param name="Status"><c>running</c>, <c>completed</c> or <c>failed</c>.</param>
/// <param name="StartedAt">When it started (again, when a silo died during it and another took it over).</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Format">Its file's format.</param>
/// <param name="FileName">Its file's name.</param>
/// <param name="Size">Its file's size in bytes.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Deliveries">Each recipient's delivery, with every attempt.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.ReportRun")]
public sealed record ReportRun(
    Guid Id,
    string TemplateId,
    string TemplateName,
    DateTimeOffset? Slot,
    string Trigger,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string Format,
    string? FileName,
    long? Size,
    string? Error,
    IReadOnlyList<ReportDelivery> Deliveries);

/// <summary>One recipient's delivery of a run.</summary>
/// <param name="Recipient">The URL or address.</param>
/// <param name="Kind"><c>webhook</c> or <c>email</c>.</param>
/// <param name="Status"><c>delivered</c> or <c>failed</c>.</param>
/// <param name="Attempts">Every attempt, in order.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.ReportDelivery")]
public sealed record ReportDelivery(string Recipient, string Kind, string Status, IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>One attempt at a delivery.</summary>
/// <param name="At">When it was made.</param>
/// <param name="Outcome">What came of it: <c>200 OK</c>, <c>sent</c>, or the error.</param>
/// <param name="Succeeded">Whether it delivered.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.DeliveryAttempt")]
public sealed record DeliveryAttempt(DateTimeOffset At, string Outcome, bool Succeeded);
