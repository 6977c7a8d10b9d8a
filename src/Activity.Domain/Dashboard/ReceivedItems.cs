namespace Activity.Domain.Dashboard;

/// <summary>What a received vote or comment is.</summary>
internal enum MarkKind : byte
{
    Vote,
    Comment,
}

/// <summary>
/// One counted vote or comment a user's item received: who gave it and which comment it is (as
/// <see cref="IdHash"/>es: they are only matched), the item's index in <see cref="ReceivedItems"/>, and
/// the UTC day number it counts in.
/// </summary>
internal readonly record struct Mark(long Actor, long Comment, int Item, int Day, MarkKind Kind);

/// <summary>
/// The user's items (submitted, or engaged with as the owner) with the ids the top-items read shows,
/// their vote and comment counts, and every counted mark in one array in the order counted (the order
/// removals look in). An item keeps its index once it has one, so marks can point at it; one whose
/// marks all went is only left out of reads and snapshots.
/// </summary>
internal sealed class ReceivedItems
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private string[] _items = [];
    private int[] _votes = [];
    private int[] _comments = [];
    private bool[] _submitted = [];
    private Mark[] _marks = [];
    private int _markCount;

    /// <summary>The item's index, or -1 when it has none and <paramref name="create"/> is false.</summary>
    public int IndexOf(string item, bool create)
    {
        if (_index.TryGetValue(item, out var i))
        {
            return i;
        }

        if (!create)
        {
            return -1;
        }

        i = _index.Count;
        if (i == _items.Length)
        {
            var size = MadeItems.Grown(_items.Length);
            Array.Resize(ref _items, size);
            Array.Resize(ref _votes, size);
            Array.Resize(ref _comments, size);
            Array.Resize(ref _submitted, size);
        }

        _items[i] = item;
        _index[item] = i;
        return i;
    }

    public void Submit(int item) => _submitted[item] = true;

    /// <summary>Counts a mark on its item; the caller counts it everywhere else.</summary>
    public void Add(Mark mark)
    {
        if (_markCount == _marks.Length)
        {
            Array.Resize(ref _marks, MadeItems.Grown(_marks.Length));
        }

        _marks[_markCount++] = mark;
        Tally(mark, +1);
    }

    /// <summary>
    /// The latest counted mark of that kind by the actor on the item (with that comment id hash, unless
    /// <see cref="IdHash.None"/>), taken out; null when there is none.
    /// </summary>
    public Mark? RemoveLatest(int item, MarkKind kind, long actor, long comment)
    {
        for (var j = _markCount - 1; j >= 0; j--)
        {
            var mark = _marks[j];
            if (mark.Item == item && mark.Kind == kind && mark.Actor == actor && (comment == IdHash.None || mark.Comment == comment))
            {
                RemoveAt(j);
                return mark;
            }
        }

        return null;
    }

    /// <summary>Takes out every mark the actor gave; returns them.</summary>
    public List<Mark> RemoveActor(long actor)
    {
        var removed = new List<Mark>();
        for (var j = _markCount - 1; j >= 0; j--)
        {
            if (_marks[j].Actor == actor)
            {
                removed.Add(_marks[j]);
                RemoveAt(j);
            }
        }

        return removed;
    }

    /// <summary>Items that are the user's (submitted, or with a counted mark): id, votes, comments, submitted.</summary>
    public IEnumerable<(string Item, int Votes, int Comments, bool Submitted)> Items()
    {
        for (var i = 0; i < _index.Count; i++)
        {
            if (_submitted[i] || _votes[i] + _comments[i] > 0)
            {
                yield return (_items[i], _votes[i], _comments[i], _submitted[i]);
            }
        }
    }

    /// <summary>The item's counted marks, in the order counted.</summary>
    public IEnumerable<Mark> MarksOf(int item) => _marks.Take(_markCount).Where(m => m.Item == item);

    private void RemoveAt(int j)
    {
        var mark = _marks[j];
        Array.Copy(_marks, j + 1, _marks, j, _markCount - j - 1);
        _markCount--;
        Tally(mark, -1);
    }

    private void Tally(Mark mark, int delta)
    {
        if (mark.Kind == MarkKind.Vote)
        {
            _votes[mark.Item] += delta;
        }
        else
        {
            _comments[mark.Item] += delta;
        }
    }
}
