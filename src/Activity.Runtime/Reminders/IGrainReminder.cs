namespace Activity.Runtime.Reminders;

/// <summary>A registered reminder, as returned by registration or lookup.</summary>
public interface IGrainReminder
{
    /// <summary>The name, unique per grain.</summary>
    string ReminderName { get; }

    /// <summary>Time between ticks.</summary>
    TimeSpan Period { get; }

    /// <summary>When the first tick is (or was) due.</summary>
    DateTimeOffset FirstTickTime { get; }

    /// <summary>The stored version; unregistering with a stale one fails.</summary>
    string ETag { get; }
}

internal sealed record GrainReminder(string ReminderName, TimeSpan Period, DateTimeOffset FirstTickTime, string ETag) : IGrainReminder
{
    public static GrainReminder From(ReminderEntry entry) =>
        new(entry.Name, entry.Period, entry.StartAt, entry.ETag ?? throw new InvalidOperationException("A stored reminder has an ETag."));
}
