using System.Collections.Concurrent;
using System.Text.Json;
using Activity.Runtime.Hosting;
using Activity.Runtime.Serialization;
using Microsoft.Extensions.Options;

namespace Activity.Runtime.Streams;

/// <summary>
/// Streams within one silo. A hub exists only while its stream has subscribers, so a silo that has
/// seen millions of stream keys holds memory only for the ones being watched.
/// </summary>
internal sealed class MemoryStreamProvider(IOptions<GrainRuntimeOptions> options) : IStreamProvider
{
    private readonly ConcurrentDictionary<StreamId, StreamHub> _hubs = new();

    public IAsyncStream<T> GetStream<T>(string @namespace, string key)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(key);
        return new MemoryStream<T>(this, new StreamId(@namespace, key));
    }

    private void Publish<T>(StreamId id, T item)
    {
        byte[]? payload = null;
        while (_hubs.TryGetValue(id, out var hub) && hub.HasSubscribers)
        {
            payload ??= JsonSerializer.SerializeToUtf8Bytes(item, GrainJson.Options);
            if (hub.TryPublish(payload, out var emptied))
            {
                if (emptied)
                {
                    _hubs.TryRemove(new KeyValuePair<StreamId, StreamHub>(id, hub));
                }

                return;
            }

            // The hub closed between lookup and publish; a subscriber that arrived since has a new one.
            _hubs.TryRemove(new KeyValuePair<StreamId, StreamHub>(id, hub));
        }
    }

    private StreamSubscription<T> Subscribe<T>(StreamId id, int capacity)
    {
        StreamHub? joined = null;
        var subscription = new StreamSubscription<T>(id, capacity, subscriber =>
        {
            if (joined!.Remove(subscriber))
            {
                _hubs.TryRemove(new KeyValuePair<StreamId, StreamHub>(id, joined));
            }
        });

        while (true)
        {
            var hub = _hubs.GetOrAdd(id, static id => new StreamHub(id));
            if (hub.TryAdd(subscription))
            {
                joined = hub;
                return subscription;
            }

            _hubs.TryRemove(new KeyValuePair<StreamId, StreamHub>(id, hub));
        }
    }

    private sealed class MemoryStream<T>(MemoryStreamProvider provider, StreamId id) : IAsyncStream<T>
    {
        public StreamId Id => id;

        public ValueTask PublishAsync(T item, CancellationToken cancellationToken = default)
        {
            provider.Publish(id, item);
            return ValueTask.CompletedTask;
        }

        public StreamSubscription<T> Subscribe(int? bufferCapacity = null) =>
            provider.Subscribe<T>(id, bufferCapacity ?? provider.SubscriberCapacity);
    }

    private int SubscriberCapacity => options.Value.StreamSubscriberCapacity;
}
