namespace Activity.Domain.Stats;

/// <summary>
/// Counts per UTC day, kept for <see cref="DaysKept"/> days behind the newest day counted: enough for
/// "today", "this ISO week" and "this month".
/// </summary>
public sealed class DailyCounts
{
    /// <summary>How many days behind the newest are kept.</summary>
    public const int DaysKept = 62;

    private readonly Dictionary<int, int> _days = [];
    private int _newest = int.MinValue;

    /// <summary>Adds <paramref name="count"/> to <paramref name="day"/>.</summary>
    public void Add(DateOnly day, int count = 1)
    {
        var number = day.DayNumber;
        if (_newest != int.MinValue && number <= _newest - DaysKept)
        {
            return;
        }

        _days[number] = _days.GetValueOrDefault(number) + count;
        if (number > _newest)
        {
            _newest = number;
            foreach (var old in _days.Keys.Where(d => d <= _newest - DaysKept).ToList())
            {
                _days.Remove(old);
            }
        }
    }

    /// <summary>The sum over <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int Sum(DateOnly from, DateOnly to) => _days.Where(d => d.Key >= from.DayNumber && d.Key <= to.DayNumber).Sum(d => d.Value);

    /// <summary>The kept days, for storage.</summary>
    public IReadOnlyList<DayCount> ToSnapshot() => [.. _days.OrderBy(d => d.Key).Select(d => new DayCount(DateOnly.FromDayNumber(d.Key), d.Value))];

    /// <summary>The counts a snapshot holds.</summary>
    public static DailyCounts Restore(IReadOnlyList<DayCount>? days)
    {
        var counts = new DailyCounts();
        foreach (var day in days ?? [])
        {
            counts.Add(day.Date, day.Count);
        }

        return counts;
    }
}

/// <summary>One day's count.</summary>
public sealed record DayCount(DateOnly Date, int Count);
