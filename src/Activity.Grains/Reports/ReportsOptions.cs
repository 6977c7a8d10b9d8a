namespace Activity.Grains.Reports;

/// <summary>Scheduled report settings, bound from <c>Activity:Reports</c>.</summary>
public sealed class ReportsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Reports";

    /// <summary>
    /// How long a run's claim on its slot holds without renewal (renewed before each delivery). A run whose
    /// silo died is taken over after this. Default 10 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long finished runs and their files are kept (counted from their start). Default 365 days.</summary>
    public TimeSpan KeepRunsFor { get; set; } = TimeSpan.FromDays(365);

    /// <summary>A slot run more than this late is recorded as a catch-up. Default 5 minutes.</summary>
    public TimeSpan CatchUpAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per webhook recipient, the first included. Default 4.</summary>
    public int WebhookAttempts { get; set; } = 4;

    /// <summary>The wait before the second attempt; it doubles for each further one. Default 2 seconds.</summary>
    public TimeSpan WebhookFirstRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one webhook attempt may take. Default 30 seconds.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Networks (CIDR, <c>10.1.0.0/16</c>) that webhooks may reach although they are internal (see
    /// <see cref="WebhookAddresses"/>), for a receiver on the operator's own network. Empty by default.
    /// </summary>
    public List<string> AllowedWebhookNetworks { get; set; } = [];

    /// <summary>Whether webhooks may be plain http. Default false: https only.</summary>
    public bool AllowHttpWebhooks { get; set; }

    /// <summary>The most report templates a tenant may have (the four defaults count). Default 50.</summary>
    public int MaxTemplatesPerTenant { get; set; } = 50;

    /// <summary>How often a template's schedule may run at most: the shortest time between two slots. Default 15 minutes.</summary>
    public TimeSpan MinScheduleInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary><see cref="AllowedWebhookNetworks"/>, parsed (the settings' check refuses any that do not parse).</summary>
    public IReadOnlyList<System.Net.IPNetwork> AllowedNetworks =>
        _allowed ??= [.. AllowedWebhookNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : default)];

    private IReadOnlyList<System.Net.IPNetwork>? _allowed;

    /// <summary>
    /// How many report mails (one per recipient) a tenant may send per UTC day through the operator's SMTP
    /// server; later ones that day fail their delivery. Default 100.
    /// </summary>
    public int MailPerTenantPerDay { get; set; } = 100;

    /// <summary>The SMTP server reports are mailed through; mail recipients fail their delivery without one.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem() =>
        Lease < TimeSpan.FromSeconds(10) ? "Activity:Reports:Lease must be at least 10 seconds."
        : KeepRunsFor < TimeSpan.FromDays(1) ? "Activity:Reports:KeepRunsFor must be at least a day."
        : WebhookAttempts is < 1 or > 10 ? "Activity:Reports:WebhookAttempts must be 1 to 10."
        : WebhookFirstRetry < TimeSpan.Zero ? "Activity:Reports:WebhookFirstRetry must not be negative."
        : AllowedWebhookNetworks.FirstOrDefault(n => !System.Net.IPNetwork.TryParse(n, out _)) is { } bad ? $"Activity:Reports:AllowedWebhookNetworks holds '{bad}', which is not a network such as 10.1.0.0/16."
        : MaxTemplatesPerTenant < 1 ? "Activity:Reports:MaxTemplatesPerTenant must be at least 1."
        : MailPerTenantPerDay < 0 ? "Activity:Reports:MailPerTenantPerDay must not be negative."
        : MinScheduleInterval < TimeSpan.FromMinutes(1) ? "Activity:Reports:MinScheduleInterval must be at least a minute (the reminders' period)."
        : Smtp.Host is { Length: > 0 } && string.IsNullOrWhiteSpace(Smtp.From) ? "Activity:Reports:Smtp:From is needed with Activity:Reports:Smtp:Host (the sender's address)."
        : null;
}

/// <summary>An SMTP server, bound from <c>Activity:Reports:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>Its host; none configured when empty (the default).</summary>
    public string? Host { get; set; }

    /// <summary>Its port. Default 587.</summary>
    public int Port { get; set; } = 587;

    /// <summary>TLS: <c>Auto</c> (STARTTLS when offered), <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>. Default Auto.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>The user to sign in as; no sign-in when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>Its password (an environment variable, never the repository).</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. <c>Activity Reports &lt;reports@example.com&gt;</c>.</summary>
    public string? From { get; set; }
}
