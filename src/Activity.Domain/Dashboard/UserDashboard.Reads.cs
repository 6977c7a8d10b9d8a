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
        // Week numbers are day numbers / 7: day 0 (0001-01-01) was a Monday, as ISO weeks start.
        var first = (DateOnly.FromDateTime(current.Start.UtcDateTime).DayNumber / 7) - weeks + 1;
        var votes = new int[weeks];
        var comments = new int[weeks];
        foreach (var mark in _received.Marks())
        {
            var i = (mark.Day / 7) - first;
            if (i >= 0 && i < weeks)
            {
                (mark.Kind == MarkKind.Vote ? votes : comments)[i]++;
            }
        }

        var result = new List<WeekEngagement>(weeks);
        for (var i = 0; i < weeks; i++)
        {
            result.Add(new WeekEngagement(current.AddWeeks(i - weeks + 1).ToString(), string.Create(CultureInfo.InvariantCulture, $"W{i + 1}"), votes[i], comments[i]));
        }

        return result;
    }

    /// <summary>Submissions made, views and engagement received per UTC day, oldest first, ending with the day of <paramref name="now"/>.</summary>
    public IReadOnlyList<DayEngagement> Daily(DateTimeOffset now, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, DaysKept);
        var today = Weekday.UtcDateOf(now);
        var first = today.DayNumber - days + 1;
        var engaged = new int[days];
        foreach (var mark in _received.Marks())
        {
            if (mark.Day >= first && mark.Day <= today.DayNumber)
            {
                engaged[mark.Day - first]++;
            }
        }

        var result = new List<DayEngagement>(days);
        for (var i = 0; i < days; i++)
        {
            var date = DateOnly.FromDayNumber(first + i);
            result.Add(new DayEngagement(date, Weekday.ShortName(date), _days.Get(date.DayNumber, Submitted), _days.Get(date.DayNumber, Viewed), engaged[i]));
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
