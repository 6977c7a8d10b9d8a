namespace Activity.Domain.Time;

/// <summary>Day-of-week buckets in ISO order (Monday = 1 ... Sunday = 7), read in UTC.</summary>
public static class Weekday
{
    /// <summary>The ISO day number of the instant's UTC date: Monday is 1, Sunday is 7.</summary>
    public static int IsoDayOf(DateTimeOffset instant)
    {
        var day = instant.UtcDateTime.DayOfWeek;
        return day == DayOfWeek.Sunday ? 7 : (int)day;
    }

    /// <summary>The UTC calendar date of the instant, the key of a daily bucket.</summary>
    public static DateOnly UtcDateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>The English three-letter name of the date's weekday ("Mon" ... "Sun"), whatever the process culture.</summary>
    public static string ShortName(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "Mon",
        DayOfWeek.Tuesday => "Tue",
        DayOfWeek.Wednesday => "Wed",
        DayOfWeek.Thursday => "Thu",
        DayOfWeek.Friday => "Fri",
        DayOfWeek.Saturday => "Sat",
        _ => "Sun",
    };
}
