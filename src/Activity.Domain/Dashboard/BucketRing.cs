namespace Activity.Domain.Dashboard;

/// <summary>
/// Counters for the latest <c>size</c> buckets (UTC days or ISO weeks, numbered in order) behind the
/// newest bucket counted, in one flat array used as a ring: a bucket's slot is its number modulo the
/// size, and when a newer bucket arrives the slots of the buckets it pushes out are cleared for it.
/// A year of days in a dictionary of objects took about ten times the memory.
/// </summary>
internal sealed class BucketRing(int size, int fields)
{
    private int[]? _counts;
    private int _newest = int.MinValue;

    /// <summary>Adds <paramref name="delta"/> to a field of a bucket. A bucket too old to be kept is not counted; a decrease never moves the ring on.</summary>
    public void Add(int bucket, int field, int delta)
    {
        if (_counts is null)
        {
            if (delta <= 0)
            {
                return;
            }

            _counts = new int[size * fields];
            _newest = bucket;
        }
        else if (bucket > _newest)
        {
            if (delta <= 0)
            {
                return;
            }

            // The buckets between the newest and this one start at zero, in the slots of the oldest.
            for (var b = Math.Max(_newest + 1, bucket - size + 1); b <= bucket; b++)
            {
                Array.Clear(_counts, Slot(b) * fields, fields);
            }

            _newest = bucket;
        }
        else if (bucket <= _newest - size)
        {
            return;
        }

        _counts[(Slot(bucket) * fields) + field] += delta;
    }

    /// <summary>A field of a bucket; 0 when it holds nothing.</summary>
    public int Get(int bucket, int field) =>
        _counts is null || bucket > _newest || bucket <= _newest - size ? 0 : _counts[(Slot(bucket) * fields) + field];

    /// <summary>The buckets held, oldest first.</summary>
    public IEnumerable<int> Buckets => _counts is null ? [] : Enumerable.Range(_newest - size + 1, size);

    private int Slot(int bucket) => ((bucket % size) + size) % size;
}
