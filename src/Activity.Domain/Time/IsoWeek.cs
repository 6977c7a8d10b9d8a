using System.Globalization;

namespace Activity.Domain.Time;

/// <summary>An ISO 8601 week (<c>IYYY-IW</c>): weeks start on Monday and week 1 holds the year's first Thursday.</summary>
/// <remarks>
/// This is the one place the service turns instants into weeks and weekdays. Everything is UTC:
/// a dashboard's "week 2026-W01" means the same seven days for every caller, whatever their time zone.
/// </remarks>
public readonly record struct IsoWeek : IComparable<IsoWeek>
{
    /// <summary>Creates a week; throws when the year has no such week (53 exists only in long years).</summary>
    public IsoWeek(int year, int week)
    {
        if (year is < 1 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "ISO week years run from 1 to 9998.");
        }

        if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            throw new ArgumentOutOfRangeException(nameof(week), week, $"ISO year {year} has weeks 1 to {ISOWeek.GetWeeksInYear(year)}.");
        }

        Year = year;
        Week = week;
    }

    /// <summary>The ISO week-numbering year, which differs from the calendar year around 1 January.</summary>
    public int Year { get; }

    /// <summary>The week of the ISO year, 1 to 52 or 53.</summary>
    public int Week { get; }

    /// <summary>Monday 00:00 UTC of this week.</summary>
    public DateTimeOffset Start => new(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday), TimeSpan.Zero);

    /// <summary>Monday 00:00 UTC of the following week (exclusive end).</summary>
    public DateTimeOffset End => Start.AddDays(7);

    /// <summary>The week that holds the instant, read in UTC.</summary>
    public static IsoWeek Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new IsoWeek(ISOWeek.GetYear(utc), ISOWeek.GetWeekOfYear(utc));
    }

    /// <summary>The week that holds the date.</summary>
    public static IsoWeek Of(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    /// <summary>The week <paramref name="weeks"/> after (or before, when negative) this one.</summary>
    public IsoWeek AddWeeks(int weeks) => Of(Start.AddDays(7L * weeks));

    /// <summary>Parses <c>IYYY-IW</c> or <c>IYYY-WIW</c> (for example <c>2026-01</c> or <c>2026-W01</c>).</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (string.IsNullOrEmpty(text) || text.Length is < 7 or > 8 || text[4] != '-')
        {
            return false;
        }

        var weekPart = text.AsSpan(5);
        if (weekPart.Length == 3)
        {
            if (weekPart[0] is not ('W' or 'w'))
            {
                return false;
            }

            weekPart = weekPart[1..];
        }

        if (weekPart.Length != 2
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(weekPart, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year < 1 || year > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    /// <summary>The <c>IYYY-IW</c> form, as PostgreSQL's <c>to_char(ts, 'IYYY-IW')</c> writes it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Week:D2}");
}
