namespace Activity.Grains.Reports;

/// <summary>What a tenant's reports grain stores.</summary>
public sealed class ReportsState
{
    /// <summary>Whether the default templates were added (once: deleting one does not bring it back).</summary>
    public bool Seeded { get; set; }

    /// <summary>The templates.</summary>
    public List<ReportTemplate> Templates { get; set; } = [];

    /// <summary>Each active template's next slot, by template id.</summary>
    public Dictionary<string, DateTimeOffset> NextSlots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The webhook signing secret.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The UTC day <see cref="MailsThatDay"/> counts.</summary>
    public DateOnly? MailDay { get; set; }

    /// <summary>Reports mailed on <see cref="MailDay"/>, one per recipient (the daily quota's count).</summary>
    public int MailsThatDay { get; set; }
}
