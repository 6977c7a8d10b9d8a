namespace Activity.Domain.Dashboard;

/// <summary>
/// Counters for the latest <c>size</c> buckets (UTC days or ISO weeks, numbered in order), in two flat
/// arrays used as a ring: a bucket's slot is its number modulo the size, and a newer bucket takes over
/// the slot of one <c>size</c> older, which nobody can read any more. A year of days in a dictionary
/// of objects took about ten times the memory.
/// </summary>
internal sealed class BucketRing(int size, int fields)
{
    private int[]? _buckets;
    private int[]? _counts;

    /// <summary>Adds <paramref name="delta"/> to a field of a bucket. A bucket too old to be kept is not counted; a decrease never creates a bucket.</summary>
    public void Add(int bucket, int field, int delta)
    {
        var slot = Slot(bucket, create: delta > 0);
        if (slot >= 0)
        {
            _counts![(slot * fields) + field] += delta;
        }
    }

    /// <summary>A field of a bucket; 0 when it holds nothing.</summary>
    public int Get(int bucket, int field)
    {
        var slot = Slot(bucket, create: false);
        return slot >= 0 ? _counts![(slot * fields) + field] : 0;
    }

    /// <summary>The buckets held, oldest first.</summary>
    public IEnumerable<int> Buckets => _buckets is null ? [] : _buckets.Where(b => b != int.MinValue).Order();

    private int Slot(int bucket, bool create)
    {
        var slot = ((bucket % size) + size) % size;
        if (_buckets is not null && _buckets[slot] == bucket)
        {
            return slot;
        }

        if (!create || (_buckets is not null && _buckets[slot] > bucket))
        {
            return -1;
        }

        if (_buckets is null)
        {
            _buckets = new int[size];
            Array.Fill(_buckets, int.MinValue);
            _counts = new int[size * fields];
        }

        _buckets[slot] = bucket;
        Array.Clear(_counts!, slot * fields, fields);
        return slot;
    }
}
