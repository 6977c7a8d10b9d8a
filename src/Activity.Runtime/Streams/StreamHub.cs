namespace Activity.Runtime.Streams;

/// <summary>
/// The subscribers of one stream on this silo. Publishing holds the hub's lock so that every
/// subscriber sees items in the same order; a delivery is a non-blocking buffer write, so the lock
/// is short whatever the subscribers do.
/// </summary>
internal sealed class StreamHub(StreamId id)
{
    private readonly Lock _gate = new();
    private IStreamSubscriber[] _subscribers = [];
    private long _sequence;
    private bool _closed;

    public StreamId Id { get; } = id;

    /// <summary>Whether anyone listens (a publisher skips serialization when no one does).</summary>
    public bool HasSubscribers => Volatile.Read(ref _subscribers).Length > 0;

    /// <summary>Adds a subscriber; false when the hub was just closed (the caller takes a new hub).</summary>
    public bool TryAdd(IStreamSubscriber subscriber)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _subscribers = [.. _subscribers, subscriber];
            return true;
        }
    }

    /// <summary>Removes a subscriber; true when that left the hub empty and closed it.</summary>
    public bool Remove(IStreamSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscriber)];
            _closed = _subscribers.Length == 0;
            return _closed;
        }
    }

    /// <summary>
    /// Delivers to every subscriber and drops those whose buffer is full. Returns false when the hub
    /// was closed (nothing delivered; the caller looks up the current hub), and reports via
    /// <paramref name="emptied"/> whether dropping left it empty.
    /// </summary>
    public bool TryPublish(byte[] payload, out bool emptied)
    {
        List<IStreamSubscriber>? dropped = null;
        lock (_gate)
        {
            emptied = false;
            if (_closed)
            {
                return false;
            }

            var sequence = ++_sequence;
            foreach (var subscriber in _subscribers)
            {
                if (!subscriber.TryDeliver(sequence, payload))
                {
                    (dropped ??= []).Add(subscriber);
                }
            }

            if (dropped is not null)
            {
                _subscribers = [.. _subscribers.Except(dropped)];
                emptied = _closed = _subscribers.Length == 0;
            }
        }

        foreach (var subscriber in dropped ?? [])
        {
            subscriber.Drop();
        }

        return true;
    }
}
