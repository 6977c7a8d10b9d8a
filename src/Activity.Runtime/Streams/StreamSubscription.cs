using System.Threading.Channels;

namespace Activity.Runtime.Streams;

/// <summary>
/// One subscriber's view of a stream: a bounded buffer the publisher writes into and the subscriber
/// reads from. Reading ends normally after <see cref="UnsubscribeAsync"/>, or with
/// <see cref="StreamSubscriberDroppedException"/> (after the buffered items) when the subscriber fell behind.
/// </summary>
public sealed class StreamSubscription<T> : IAsyncDisposable, IStreamSubscriber
{
    private readonly Channel<StreamItem<T>> _buffer;
    private readonly Action<IStreamSubscriber> _unsubscribe;
    private long _lastDelivered;

    internal StreamSubscription(StreamId streamId, int capacity, Action<IStreamSubscriber> unsubscribe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        StreamId = streamId;
        Capacity = capacity;
        _unsubscribe = unsubscribe;
        _buffer = Channel.CreateBounded<StreamItem<T>>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: that is the drop signal
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>The stream.</summary>
    public StreamId StreamId { get; }

    /// <summary>How far behind the subscriber may fall before it is dropped.</summary>
    public int Capacity { get; }

    /// <summary>Items in publish order until unsubscribed, dropped, or cancelled.</summary>
    public IAsyncEnumerable<StreamItem<T>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _buffer.Reader.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Waits until an item can be read (true) or the subscription ended (false); throws
    /// <see cref="StreamSubscriberDroppedException"/> once the buffered items are read after a drop.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        _buffer.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the next buffered item, if there is one.</summary>
    public bool TryRead(out StreamItem<T> item) => _buffer.Reader.TryRead(out item);

    /// <summary>Stops delivery; reading ends after the items already buffered.</summary>
    public ValueTask UnsubscribeAsync()
    {
        _unsubscribe(this);
        _buffer.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => UnsubscribeAsync();

    bool IStreamSubscriber.TryDeliver(long sequence, byte[] payload)
    {
        if (!_buffer.Writer.TryWrite(new StreamItem<T>(sequence, payload)))
        {
            return false;
        }

        _lastDelivered = sequence;
        return true;
    }

    void IStreamSubscriber.Drop() =>
        _buffer.Writer.TryComplete(new StreamSubscriberDroppedException(StreamId, _lastDelivered, Capacity));
}

/// <summary>What a stream hub needs of a subscriber, whatever item type it reads.</summary>
internal interface IStreamSubscriber
{
    /// <summary>Buffers the item; false when the buffer is full.</summary>
    bool TryDeliver(long sequence, byte[] payload);

    /// <summary>Ends the subscription because it fell behind.</summary>
    void Drop();
}
