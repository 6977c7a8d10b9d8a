using Activity.Runtime.Grains;

namespace Activity.Runtime.Reminders;

/// <summary>Durable storage of reminders (memory or PostgreSQL), passing the same contract tests.</summary>
public interface IReminderTable
{
    /// <summary>Every reminder (a single silo owns them all).</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>One reminder, or null.</summary>
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the reminder; returns its new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Deletes the reminder if its stored ETag is <paramref name="etag"/>; false when it was not (or is gone).</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string name, string etag, CancellationToken cancellationToken);
}
