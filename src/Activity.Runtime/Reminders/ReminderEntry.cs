using Activity.Runtime.Grains;

namespace Activity.Runtime.Reminders;

/// <summary>One row of the reminder table.</summary>
/// <param name="GrainId">The grain that receives the ticks.</param>
/// <param name="Name">Unique per grain.</param>
/// <param name="StartAt">The first tick, UTC. Later ticks fall on <c>StartAt + k * Period</c>.</param>
/// <param name="Period">Time between ticks.</param>
/// <param name="ETag">The stored version (null before the first write).</param>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period, string? ETag = null)
{
    /// <summary>
    /// The first tick strictly after <paramref name="after"/>. Ticks missed while no silo ran are skipped,
    /// as in Orleans: a reminder is a wake-up call, and the grain decides what catching up means.
    /// </summary>
    public DateTimeOffset NextTickAfter(DateTimeOffset after)
    {
        if (StartAt > after)
        {
            return StartAt;
        }

        var elapsedPeriods = (after - StartAt).Ticks / Period.Ticks;
        return StartAt + TimeSpan.FromTicks((elapsedPeriods + 1) * Period.Ticks);
    }
}
