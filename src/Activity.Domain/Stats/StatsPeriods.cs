using Activity.Domain.Time;

namespace Activity.Domain.Stats;

/// <summary>"Today", "this week" (ISO, from Monday) and "this month" as UTC dates, from one instant.</summary>
/// <param name="Today">The UTC date.</param>
/// <param name="WeekStart">Monday of its ISO week.</param>
/// <param name="MonthStart">The first of its month.</param>
public readonly record struct StatsPeriods(DateOnly Today, DateOnly WeekStart, DateOnly MonthStart)
{
    /// <summary>The periods that hold <paramref name="now"/>.</summary>
    public static StatsPeriods Of(DateTimeOffset now)
    {
        var today = Weekday.UtcDateOf(now);
        return new StatsPeriods(today, DateOnly.FromDateTime(IsoWeek.Of(now).Start.UtcDateTime), new DateOnly(today.Year, today.Month, 1));
    }
}
