using System.Globalization;
using Activity.Domain.Events;

namespace Activity.Domain.Analytics;

/// <summary>One calendar month of user growth.</summary>
/// <param name="Month">The month, <c>YYYY-MM</c> (UTC).</param>
/// <param name="NewUsers">Sign-ups (<c>SIGN_UP</c> events) that month.</param>
/// <param name="ActiveUsers">Distinct actors of the month's events still in the log.</param>
/// <param name="TotalUsers">Sign-ups up to the month's end.</param>
public sealed record MonthGrowth(string Month, long NewUsers, long ActiveUsers, long TotalUsers);

/// <summary>One UTC day of activity: events per catalog category, and all of them.</summary>
public sealed record DayTrend(DateOnly Date, IReadOnlyDictionary<string, long> Categories, long Total);

/// <summary>An item by the votes and comments it received (net of removals), with its views.</summary>
public sealed record ItemRank(string ItemId, long Votes, long Comments, long Views);

/// <summary>Events of a type on a UTC day.</summary>
public sealed record TypeDayCount(DateOnly Day, string Type, long Count);

/// <summary>The analytics values put together from counts, the same way for every store.</summary>
public static class AnalyticsValues
{
    /// <summary>The first day of the month of <paramref name="day"/>.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>
    /// <paramref name="months"/> months ending with <paramref name="lastMonth"/>, oldest first, from sign-ups
    /// per month (any month, for the running total) and distinct actors per month.
    /// </summary>
    public static IReadOnlyList<MonthGrowth> Growth(DateOnly lastMonth, int months, IReadOnlyDictionary<DateOnly, long> signUps, IReadOnlyDictionary<DateOnly, long> active)
    {
        var first = lastMonth.AddMonths(1 - months);
        var total = signUps.Where(s => s.Key < first).Sum(s => s.Value);
        var result = new List<MonthGrowth>(months);
        for (var month = first; month <= lastMonth; month = month.AddMonths(1))
        {
            var added = signUps.GetValueOrDefault(month);
            total += added;
            result.Add(new MonthGrowth(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), added, active.GetValueOrDefault(month), total));
        }

        return result;
    }

    /// <summary><paramref name="days"/> UTC days ending with <paramref name="today"/>, oldest first, every category present (zeros too).</summary>
    public static IReadOnlyList<DayTrend> Trends(DateOnly today, int days, IEnumerable<TypeDayCount> counts)
    {
        var first = today.AddDays(1 - days);
        var byDay = counts
            .Where(c => c.Day >= first && c.Day <= today)
            .GroupBy(c => c.Day)
            .ToDictionary(g => g.Key, g => g.GroupBy(c => EventCatalog.Describe(c.Type).Category).ToDictionary(c => c.Key, c => c.Sum(x => x.Count)));
        var categories = EventCatalog.Categories;
        return [.. Enumerable.Range(0, days).Select(i =>
        {
            var day = first.AddDays(i);
            var counted = byDay.GetValueOrDefault(day) ?? [];
            var all = categories.Union(counted.Keys).ToDictionary(c => c, c => counted.GetValueOrDefault(c));
            return new DayTrend(day, all, all.Values.Sum());
        })];
    }
}
