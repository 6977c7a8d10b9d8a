namespace Activity.Grains.Retention;

/// <summary>Retention job settings, bound from <c>Activity:Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Retention";

    /// <summary>How often the retention job runs (a reminder's period). Default 1 day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem() => Interval < TimeSpan.FromMinutes(1)
        ? "Activity:Retention:Interval must be at least a minute (Orleans reminders tick no faster)."
        : null;
}
