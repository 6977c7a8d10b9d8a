using Cronos;

namespace Activity.Domain.Reports;

/// <summary>
/// When a report template runs: <c>daily</c>, <c>weekly</c> (Mondays), <c>monthly</c> (the 1st) or
/// <c>quarterly</c> (1 January, April, July, October), each at 09:00 in the template's time zone, or a
/// five-field cron expression (Cronos) in that zone. Daylight saving is the zone's: a time skipped by a
/// spring-forward runs at the end of the gap, a time that happens twice runs once. Slots come back in UTC.
/// </summary>
public sealed class ReportSchedule
{
    private static readonly Dictionary<string, string> NamedCrons = new(StringComparer.Ordinal)
    {
        ["daily"] = "0 9 * * *",
        ["weekly"] = "0 9 * * 1",
        ["monthly"] = "0 9 1 * *",
        ["quarterly"] = "0 9 1 1,4,7,10 *",
    };

    // How far back a slot's predecessor is looked for, widening: a minutely cron must not list a year of minutes.
    private static readonly TimeSpan[] Lookbacks = [TimeSpan.FromDays(2), TimeSpan.FromDays(32), TimeSpan.FromDays(367)];

    private readonly CronExpression _cron;

    private ReportSchedule(string text, CronExpression cron, TimeZoneInfo zone)
    {
        Text = text;
        _cron = cron;
        Zone = zone;
    }

    /// <summary>The schedule's names, as the API lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. NamedCrons.Keys];

    /// <summary>The schedule as written: a name or a cron expression.</summary>
    public string Text { get; }

    /// <summary>The zone its times are in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The schedule, or what is wrong with it (a sentence a caller can act on).</summary>
    public static (ReportSchedule? Schedule, string? Problem) Parse(string? schedule, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return (null, $"timeZone must be an IANA time zone such as UTC or Europe/Berlin; '{timeZone}' is not one.");
        }

        if (string.IsNullOrWhiteSpace(schedule))
        {
            return (null, $"schedule must be {string.Join(", ", Names)} or a cron expression.");
        }

        try
        {
            var cron = CronExpression.Parse(NamedCrons.GetValueOrDefault(schedule, schedule), CronFormat.Standard);
            return (new ReportSchedule(schedule, cron, zone), null);
        }
        catch (CronFormatException exception)
        {
            return (null, $"schedule must be {string.Join(", ", Names)} or a five-field cron expression (minute hour day month weekday); '{schedule}': {exception.Message}");
        }
    }

    /// <summary>
    /// The shortest time between two slots over a leap year (2028, in the schedule's zone), so that a cron
    /// that fires often only on some days (<c>*/5 * 29 2 *</c>) is seen too; <see cref="TimeSpan.MaxValue"/>
    /// when it fires at most once. Stops at the first gap shorter than <paramref name="enough"/>.
    /// </summary>
    public TimeSpan ShortestGap(TimeSpan enough)
    {
        var from = new DateTime(2028, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var shortest = TimeSpan.MaxValue;
        DateTime? previous = null;
        foreach (var slot in _cron.GetOccurrences(from, from.AddDays(367), Zone))
        {
            if (previous is { } before && slot - before < shortest)
            {
                shortest = slot - before;
                if (shortest < enough)
                {
                    break;
                }
            }

            previous = slot;
        }

        return shortest;
    }

    /// <summary>The first slot after <paramref name="instant"/> (UTC), or null when the expression never comes again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) => _cron.GetNextOccurrence(instant, Zone)?.ToUniversalTime();

    /// <summary>
    /// The latest slot from <paramref name="from"/> (included) to <paramref name="now"/> (included), or null: when slots
    /// were missed, only the latest of them is run.
    /// </summary>
    public DateTimeOffset? LatestBetween(DateTimeOffset from, DateTimeOffset now)
    {
        if (from > now)
        {
            return null;
        }

        // Walk from `from` slot by slot: the first slot after `now` ends the walk.
        DateTimeOffset? latest = null;
        for (var slot = _cron.GetNextOccurrence(from, Zone, inclusive: true); slot is { } s && s <= now; slot = _cron.GetNextOccurrence(s, Zone))
        {
            latest = s;
        }

        return latest?.ToUniversalTime();
    }

    /// <summary>The slot before <paramref name="slot"/>: a report of a slot covers the time since it (a year at most).</summary>
    public DateTimeOffset PreviousBefore(DateTimeOffset slot)
    {
        foreach (var lookback in Lookbacks)
        {
            var before = _cron.GetOccurrences(slot - lookback, slot, Zone, fromInclusive: true, toInclusive: false).LastOrDefault();
            if (before != default)
            {
                return before.ToUniversalTime();
            }
        }

        return slot - Lookbacks[^1];
    }
}
