using System.Globalization;
using Activity.Domain.Time;

namespace Activity.Domain.Dashboard;

public sealed partial class UserDashboard
{
    /// <summary>Votes the user made, net of removals.</summary>
    public int VotesMade => _votesMade;

    /// <summary>Comments the user made, net of removals.</summary>
    public int CommentsMade => _commentsMade;

    /// <summary>The user's totals.</summary>
    public DashboardTotals Totals() => new(
        _votesMade + _commentsMade,
        _made.Count - (_made.Contains(IdHash.None) ? 1 : 0),
        _votesReceived,
        _commentsReceived,
        _submissions,
        _views);

    /// <summary>Votes and comments received per ISO week, oldest first, ending with the week of <paramref name="now"/>.</summary>
    public IReadOnlyList<WeekEngagement> Weekly(DateTimeOffset now, int weeks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, WeeksKept);
        var current = IsoWeek.Of(now);
        var result = new List<WeekEngagement>(weeks);
        for (var i = 0; i < weeks; i++)
        {
            var week = current.AddWeeks(i - weeks + 1);
            var number = DateOnly.FromDateTime(week.Start.UtcDateTime).DayNumber / 7;
            result.Add(new WeekEngagement(week.ToString(), string.Create(CultureInfo.InvariantCulture, $"W{i + 1}"), _weeks.Get(number, Votes), _weeks.Get(number, Comments)));
        }

        return result;
    }

    /// <summary>Submissions made, views and engagement received per UTC day, oldest first, ending with the day of <paramref name="now"/>.</summary>
    public IReadOnlyList<DayEngagement> Daily(DateTimeOffset now, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, DaysKept);
        var today = Weekday.UtcDateOf(now);
        var result = new List<DayEngagement>(days);
        for (var i = days - 1; i >= 0; i--)
        {
            var date = today.AddDays(-i);
            var day = date.DayNumber;
            result.Add(new DayEngagement(date, Weekday.ShortName(date), _days.Get(day, Submitted), _days.Get(day, Viewed), _days.Get(day, Engaged)));
        }

        return result;
    }

    /// <summary>The user's items (submitted or engaged with) by votes plus comments received, most first, ties by item id.</summary>
    public IReadOnlyList<ItemEngagement> TopItems(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return [.. _received.Items()
            .Where(r => r.Item != NoItem)
            .OrderByDescending(r => r.Votes + r.Comments)
            .ThenBy(r => r.Item, StringComparer.Ordinal)
            .Take(limit)
            .Select(r => new ItemEngagement(r.Item, r.Votes, r.Comments))];
    }
}
