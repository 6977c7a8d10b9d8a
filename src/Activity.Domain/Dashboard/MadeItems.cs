namespace Activity.Domain.Dashboard;

/// <summary>
/// The items a user voted on or commented on, by <see cref="IdHash"/> of the item id (no read shows
/// these ids; the distinct count is all that is read), in sorted arrays: per item the counted votes, and
/// the comments (item and id hashes) in the order counted, where a removal looks for its match.
/// </summary>
internal sealed class MadeItems
{
    private long[] _items = [];
    private int[] _votes = [];
    private int _count;
    private Comment[] _log = [];
    private int _logCount;

    /// <summary>Items with a counted vote or comment.</summary>
    public int Count => _count;

    /// <summary>Whether the item has a counted vote or comment.</summary>
    public bool Contains(long item) => Find(item) >= 0;

    public void AddVote(long item)
    {
        var i = FindOrInsert(item); // first: it may replace the arrays
        _votes[i]++;
    }

    /// <summary>Takes back one counted vote on the item; false when it has none.</summary>
    public bool RemoveVote(long item)
    {
        var i = Find(item);
        if (i < 0 || _votes[i] == 0)
        {
            return false;
        }

        _votes[i]--;
        RemoveIfEmpty(i);
        return true;
    }

    public void AddComment(long item, long comment)
    {
        FindOrInsert(item);
        if (_logCount == _log.Length)
        {
            Array.Resize(ref _log, Grown(_log.Length));
        }

        _log[_logCount++] = new Comment(item, comment);
    }

    /// <summary>
    /// Takes back the latest counted comment on the item with this id hash (any, for
    /// <see cref="IdHash.None"/>); false when there is none.
    /// </summary>
    public bool RemoveComment(long item, long comment)
    {
        for (var j = _logCount - 1; j >= 0; j--)
        {
            if (_log[j].Item == item && (comment == IdHash.None || _log[j].Id == comment))
            {
                Array.Copy(_log, j + 1, _log, j, _logCount - j - 1);
                _logCount--;
                RemoveIfEmpty(Find(item));
                return true;
            }
        }

        return false;
    }

    /// <summary>Per item: its hash, counted votes and its comments' id hashes in order.</summary>
    public IEnumerable<(long Item, int Votes, IReadOnlyList<long> Comments)> Items()
    {
        for (var i = 0; i < _count; i++)
        {
            var item = _items[i];
            yield return (item, _votes[i], [.. _log.Take(_logCount).Where(c => c.Item == item).Select(c => c.Id)]);
        }
    }

    private int Find(long item) => Array.BinarySearch(_items, 0, _count, item);

    private int FindOrInsert(long item)
    {
        var i = Find(item);
        if (i >= 0)
        {
            return i;
        }

        i = ~i;
        if (_count == _items.Length)
        {
            var size = Grown(_items.Length);
            Array.Resize(ref _items, size);
            Array.Resize(ref _votes, size);
        }

        Array.Copy(_items, i, _items, i + 1, _count - i);
        Array.Copy(_votes, i, _votes, i + 1, _count - i);
        (_items[i], _votes[i]) = (item, 0);
        _count++;
        return i;
    }

    private void RemoveIfEmpty(int i)
    {
        if (_votes[i] > 0 || HasComment(_items[i]))
        {
            return;
        }

        Array.Copy(_items, i + 1, _items, i, _count - i - 1);
        Array.Copy(_votes, i + 1, _votes, i, _count - i - 1);
        _count--;
    }

    private bool HasComment(long item)
    {
        for (var j = 0; j < _logCount; j++)
        {
            if (_log[j].Item == item)
            {
                return true;
            }
        }

        return false;
    }

    // A quarter more each time: a dashboard holds its arrays for as long as it is active, so slack is
    // memory, and a few more copies as it grows cost little.
    internal static int Grown(int size) => size < 4 ? 4 : size + (size / 4);

    private readonly record struct Comment(long Item, long Id);
}
