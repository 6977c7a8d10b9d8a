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
    // Up to this many items are found by looking through them; a dictionary costs more than it saves below it.
    private const int ScanUpTo = 32;
    private Dictionary<string, int>? _index;
    private string[] _items = [];
    private int _count;
    private int[] _votes = [];
    private int[] _comments = [];
    private bool[] _submitted = [];
    // Marks in the order counted, 16 bytes each: the actor's hash, then the item index with the kind in
    // its top bit, then the day. Comment id hashes sit in a parallel array made when the first comment
    // that names an id arrives, so a user whose application names none pays nothing for them.
    private Stored[] _marks = [];
    private long[]? _commentIds;
    private int _markCount;

    /// <summary>The item's index, or -1 when it has none and <paramref name="create"/> is false.</summary>
    public int IndexOf(string item, bool create)
    {
        if (Find(item) is var found and >= 0)
        {
            return found;
        }

        if (!create)
        {
            return -1;
        }

        var i = _count++;
        if (i == _items.Length)
        {
            var size = MadeItems.Grown(_items.Length);
            Array.Resize(ref _items, size);
            Array.Resize(ref _votes, size);
            Array.Resize(ref _comments, size);
            Array.Resize(ref _submitted, size);
        }

        _items[i] = item;
        if (_index is not null)
        {
            _index[item] = i;
        }
        else if (_count > ScanUpTo)
        {
            _index = new Dictionary<string, int>(_count, StringComparer.Ordinal);
            for (var j = 0; j < _count; j++)
            {
                _index[_items[j]] = j;
            }
        }

        return i;
    }

    private int Find(string item)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(item, out var i) ? i : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i], item, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public void Submit(int item) => _submitted[item] = true;

    /// <summary>Counts a mark on its item; the caller counts it everywhere else.</summary>
    public void Add(Mark mark)
    {
        if (_markCount == _marks.Length)
        {
            Array.Resize(ref _marks, MadeItems.Grown(_marks.Length));
            if (_commentIds is not null)
            {
                Array.Resize(ref _commentIds, _marks.Length);
            }
        }

        if (mark.Comment != IdHash.None && _commentIds is null)
        {
            _commentIds = new long[_marks.Length];
        }

        _marks[_markCount] = Stored.Of(mark);
        if (_commentIds is not null)
        {
            _commentIds[_markCount] = mark.Comment;
        }

        _markCount++;
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
            var mark = MarkAt(j);
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
                removed.Add(MarkAt(j));
                RemoveAt(j);
            }
        }

        return removed;
    }

    /// <summary>Items that are the user's (submitted, or with a counted mark): id, votes, comments, submitted.</summary>
    public IEnumerable<(string Item, int Votes, int Comments, bool Submitted)> Items()
    {
        for (var i = 0; i < _count; i++)
        {
            if (_submitted[i] || _votes[i] + _comments[i] > 0)
            {
                yield return (_items[i], _votes[i], _comments[i], _submitted[i]);
            }
        }
    }

    /// <summary>Every counted mark, in the order counted.</summary>
    public IEnumerable<Mark> Marks()
    {
        for (var j = 0; j < _markCount; j++)
        {
            yield return MarkAt(j);
        }
    }

    /// <summary>The item's counted marks, in the order counted.</summary>
    public IEnumerable<Mark> MarksOf(int item) => Marks().Where(m => m.Item == item);

    private Mark MarkAt(int j) => _marks[j].ToMark(_commentIds?[j] ?? IdHash.None);

    private void RemoveAt(int j)
    {
        var mark = MarkAt(j);
        Array.Copy(_marks, j + 1, _marks, j, _markCount - j - 1);
        if (_commentIds is not null)
        {
            Array.Copy(_commentIds, j + 1, _commentIds, j, _markCount - j - 1);
        }

        _markCount--;
        Tally(mark, -1);
    }

    private readonly record struct Stored(long Actor, int ItemAndKind, int Day)
    {
        public static Stored Of(Mark mark) => new(mark.Actor, mark.Item | (mark.Kind == MarkKind.Comment ? int.MinValue : 0), mark.Day);

        public Mark ToMark(long comment) => new(Actor, comment, ItemAndKind & int.MaxValue, Day, ItemAndKind < 0 ? MarkKind.Comment : MarkKind.Vote);
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
