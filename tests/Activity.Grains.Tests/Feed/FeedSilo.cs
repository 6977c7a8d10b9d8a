using System.Text.Json;
using Activity.Domain.Feed;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Runtime.Streams;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Feed;

/// <summary>A test silo with the feed on memory stores (shareable between silos), and shortcuts to drive it.</summary>
internal sealed class FeedSilo(TestSilo silo, MemoryActivityQueue queue, MemoryFeedStore store) : IAsyncDisposable
{
    public const string Tenant = "ten_acme";

    public TestSilo Silo => silo;

    public FakeTimeProvider Time => silo.Time;

    public MemoryActivityQueue Queue => queue;

    public MemoryFeedStore Store => store;

    public IFeedGrain Feed => silo.Grains.GetGrain<IFeedGrain>(Tenant);

    public static async Task<FeedSilo> StartAsync(FeedSilo? sharingStoresWith = null, FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null, MemoryActivityQueue? log = null)
    {
        var queue = log ?? sharingStoresWith?.Queue ?? new MemoryActivityQueue();
        var store = sharingStoresWith?.Store ?? new MemoryFeedStore();
        var silo = await TestSilo.StartAsync(
            _ => { },
            services =>
            {
                services.AddSingleton<IActivityQueue>(queue);
                services.AddSingleton<IFeedStore>(store);
                services.AddActivityFeed();
            },
            settings,
            time ?? sharingStoresWith?.Time);
        return new FeedSilo(silo, queue, store);
    }

    public Task<IReadOnlyList<Guid>> EmitAsync(params EventDraft[] events) =>
        silo.Services.GetRequiredService<EventIngestor>().EmitAsync(Tenant, events);

    /// <summary>Emits one event and waits until the feed has applied it.</summary>
    public async Task<Guid> EmitAppliedAsync(string type, string actor = "u1", string? payload = null)
    {
        var id = (await EmitAsync(Draft(type, actor, payload)))[0];
        await Feed.DrainAsync();
        return id;
    }

    public Task<IReadOnlyList<Tile>> TilesAsync() => store.ListTilesAsync(Tenant, null, 100, default);

    public StreamSubscription<FeedChangeMessage> Subscribe() =>
        silo.Services.GetRequiredService<IStreamProvider>().GetStream<FeedChangeMessage>(FeedChangeMessage.StreamNamespace, Tenant).Subscribe();

    public static EventDraft Draft(string type, string actor = "u1", string? payload = null, string? key = null) =>
        new(type, actor, null, null, null, payload is null ? null : JsonDocument.Parse(payload).RootElement.Clone(), key);

    public ValueTask DisposeAsync() => silo.DisposeAsync();
}
