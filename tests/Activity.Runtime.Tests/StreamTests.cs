using System.Text.Json;
using System.Text.Json.Serialization;
using Activity.Runtime.Streams;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Runtime.Tests;

public sealed class StreamTests
{
    [Fact]
    public async Task Every_subscriber_receives_every_item_in_publish_order()
    {
        await using var silo = await StartAsync();
        var stream = Streams(silo).GetStream<Note>("feed", "acme");
        var subscriptions = Enumerable.Range(0, 3).Select(_ => stream.Subscribe()).ToArray();

        for (var i = 1; i <= 5; i++)
        {
            await stream.PublishAsync(new Note($"n{i}"));
        }

        foreach (var subscription in subscriptions)
        {
            var items = await ReadAsync(subscription, 5);
            Assert.Equal(["n1", "n2", "n3", "n4", "n5"], items.Select(i => i.Deserialize().Text));
            Assert.Equal([1L, 2, 3, 4, 5], items.Select(i => i.Sequence));
        }
    }

    [Fact]
    public async Task An_item_is_serialized_once_however_many_subscribers()
    {
        await using var silo = await StartAsync();
        var stream = Streams(silo).GetStream<Counted>("feed", "acme");
        var subscriptions = Enumerable.Range(0, 10).Select(_ => stream.Subscribe()).ToArray();
        var writes = new WriteCounter();

        await stream.PublishAsync(new Counted(writes));

        Assert.Equal(1, writes.Count);
        foreach (var subscription in subscriptions)
        {
            var item = Assert.Single(await ReadAsync(subscription, 1));
            Assert.Equal("""{"counted":true}""", System.Text.Encoding.UTF8.GetString(item.Payload.Span));
        }
    }

    [Fact]
    public async Task Publishing_with_no_subscriber_serializes_nothing()
    {
        await using var silo = await StartAsync();
        var writes = new WriteCounter();

        await Streams(silo).GetStream<Counted>("feed", "nobody").PublishAsync(new Counted(writes));

        Assert.Equal(0, writes.Count);
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_is_dropped_without_slowing_the_publisher()
    {
        await using var silo = await StartAsync();
        var stream = Streams(silo).GetStream<Note>("feed", "acme");
        var slow = stream.Subscribe(bufferCapacity: 2);
        var fast = stream.Subscribe(bufferCapacity: 100);

        for (var i = 1; i <= 5; i++)
        {
            Assert.True(stream.PublishAsync(new Note($"n{i}")).IsCompletedSuccessfully);
        }

        var received = new List<string>();
        var dropped = await Assert.ThrowsAsync<StreamSubscriberDroppedException>(async () =>
        {
            await foreach (var item in slow.ReadAllAsync())
            {
                received.Add(item.Deserialize().Text);
            }
        });
        Assert.Equal(["n1", "n2"], received);
        Assert.Equal(2, dropped.LastDeliveredSequence);
        Assert.Equal(5, (await ReadAsync(fast, 5)).Count);
    }

    [Fact]
    public async Task Unsubscribing_ends_reading_and_stops_delivery()
    {
        await using var silo = await StartAsync();
        var stream = Streams(silo).GetStream<Counted>("feed", "acme");
        var subscription = stream.Subscribe();

        await subscription.UnsubscribeAsync();
        var writes = new WriteCounter();
        await stream.PublishAsync(new Counted(writes));

        Assert.Empty(await ReadAsync(subscription, int.MaxValue));
        Assert.Equal(0, writes.Count);
    }

    [Fact]
    public async Task Streams_with_different_keys_are_separate()
    {
        await using var silo = await StartAsync();
        var provider = Streams(silo);
        var acme = provider.GetStream<Note>("feed", "acme").Subscribe();
        var other = provider.GetStream<Note>("feed", "other").Subscribe();

        await provider.GetStream<Note>("feed", "acme").PublishAsync(new Note("for acme"));
        await other.UnsubscribeAsync();

        Assert.Equal("for acme", Assert.Single(await ReadAsync(acme, 1)).Deserialize().Text);
        Assert.Empty(await ReadAsync(other, int.MaxValue));
    }

    [Fact]
    public async Task A_new_subscriber_after_everyone_left_receives_new_items()
    {
        await using var silo = await StartAsync();
        var stream = Streams(silo).GetStream<Note>("feed", "acme");
        await stream.Subscribe().UnsubscribeAsync();

        var again = stream.Subscribe();
        await stream.PublishAsync(new Note("back"));

        Assert.Equal("back", Assert.Single(await ReadAsync(again, 1)).Deserialize().Text);
    }

    // Reads up to `count` items, or until the subscription ends.
    private static async Task<List<StreamItem<T>>> ReadAsync<T>(StreamSubscription<T> subscription, int count)
    {
        var items = new List<StreamItem<T>>();
        if (count == 0)
        {
            return items;
        }

        await foreach (var item in subscription.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token))
        {
            items.Add(item);
            if (items.Count == count)
            {
                break;
            }
        }

        return items;
    }

    private static IStreamProvider Streams(TestSilo silo) => silo.Services.GetRequiredService<IStreamProvider>();

    private static Task<TestSilo> StartAsync() => TestSilo.StartAsync(_ => { });
}

public sealed record Note(string Text);

public sealed class WriteCounter
{
    public int Count;
}

[JsonConverter(typeof(CountedConverter))]
public sealed record Counted(WriteCounter Writes);

public sealed class CountedConverter : JsonConverter<Counted>
{
    public override Counted Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return new Counted(new WriteCounter());
    }

    public override void Write(Utf8JsonWriter writer, Counted value, JsonSerializerOptions options)
    {
        Interlocked.Increment(ref value.Writes.Count);
        writer.WriteStartObject();
        writer.WriteBoolean("counted", true);
        writer.WriteEndObject();
    }
}
