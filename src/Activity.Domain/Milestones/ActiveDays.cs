namespace Activity.Domain.Milestones;

/// <summary>
/// The UTC days a user was active, as a bitmap of the <see cref="Span"/> days up to the newest one:
/// 32 bytes a user, where a set of dates would take kilobytes. Older days fall off; the longest
/// streak milestone (100 days) fits well within.
/// </summary>
public sealed class ActiveDays
{
    /// <summary>How many days back from the newest are remembered.</summary>
    public const int Span = 256;

    private readonly ulong[] _bits = new ulong[Span / 64];
    private int _newest = int.MinValue;

    /// <summary>Marks <paramref name="day"/> active; false when it already was (or is too old to remember).</summary>
    public bool Add(int day)
    {
        if (_newest == int.MinValue)
        {
            _newest = day;
        }
        else if (day > _newest)
        {
            Shift(day - _newest);
            _newest = day;
        }
        else if (_newest - day >= Span)
        {
            return false;
        }

        var index = _newest - day;
        var mask = 1UL << (index % 64);
        if ((_bits[index / 64] & mask) != 0)
        {
            return false;
        }

        _bits[index / 64] |= mask;
        return true;
    }

    /// <summary>Whether <paramref name="day"/> is marked.</summary>
    public bool Contains(int day)
    {
        var index = _newest - day;
        return _newest != int.MinValue && index >= 0 && index < Span && (_bits[index / 64] & (1UL << (index % 64))) != 0;
    }

    /// <summary>How many consecutive marked days run from <paramref name="day"/> in <paramref name="direction"/> (-1 back, +1 forward), not counting it.</summary>
    public int Run(int day, int direction)
    {
        var run = 0;
        while (Contains(day + (direction * (run + 1))))
        {
            run++;
        }

        return run;
    }

    /// <summary>The marked days, oldest first, for storage.</summary>
    public IReadOnlyList<int> ToList()
    {
        var days = new List<int>();
        for (var index = Span - 1; index >= 0; index--)
        {
            if (_newest != int.MinValue && (_bits[index / 64] & (1UL << (index % 64))) != 0)
            {
                days.Add(_newest - index);
            }
        }

        return days;
    }

    // Moves every mark `by` days further back; marks beyond the span fall off.
    private void Shift(int by)
    {
        if (by >= Span)
        {
            Array.Clear(_bits);
            return;
        }

        var words = by / 64;
        var bits = by % 64;
        for (var i = _bits.Length - 1; i >= 0; i--)
        {
            var from = i - words;
            var value = from >= 0 ? _bits[from] << bits : 0;
            if (bits > 0 && from - 1 >= 0)
            {
                value |= _bits[from - 1] >> (64 - bits);
            }

            _bits[i] = value;
        }
    }
}
