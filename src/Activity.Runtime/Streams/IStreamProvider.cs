namespace Activity.Runtime.Streams;

/// <summary>Gives access to streams by namespace and key.</summary>
public interface IStreamProvider
{
    /// <summary>The stream <c>namespace/key</c>, whose items are <typeparamref name="T"/>. Streams exist implicitly.</summary>
    IAsyncStream<T> GetStream<T>(string @namespace, string key);
}

/// <summary>A stream to publish to and subscribe to.</summary>
public interface IAsyncStream<T>
{
    /// <summary>The stream's identity.</summary>
    StreamId Id { get; }

    /// <summary>
    /// Delivers the item to every current subscriber without waiting for any of them: the item is
    /// serialized once, and a subscriber whose buffer is full is dropped rather than waited for.
    /// </summary>
    ValueTask PublishAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Subscribes from now on; items published before are not replayed.</summary>
    /// <param name="bufferCapacity">Items the subscriber may fall behind by before it is dropped; the runtime default (<c>Activity:Runtime:StreamSubscriberCapacity</c>) when null.</param>
    StreamSubscription<T> Subscribe(int? bufferCapacity = null);
}
