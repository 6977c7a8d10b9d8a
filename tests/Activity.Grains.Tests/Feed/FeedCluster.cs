using System.Text.Json;
using Activity.Abstractions.Feed;
using Activity.Abstractions.Ingest;
using Activity.Domain.Feed;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Memory.Feed;
using Activity.Memory.Log;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Activity.Grains.Tests.Feed;

/// <summary>
/// The feed on a two-silo test cluster with memory stores every silo shares (and a later cluster may
/// share too, as a restarted service shares its database), and shortcuts to drive it.
/// </summary>
internal sealed class FeedCluster(ActivityCluster cluster, MemoryEventLog eventLog, MemoryFeedStore store) : IAsyncDisposable
{
    public const string Tenant = "ten_acme000000000000";

    public ActivityCluster Cluster => cluster;

    public FakeTimeProvider Time => cluster.Time;

    public MemoryEventLog EventLog => eventLog;

    public MemoryFeedStore Store => store;

    public IFeedGrain Feed => cluster.Grains.GetGrain<IFeedGrain>(Tenant);

    public IFeedWriterGrain Writer => cluster.Grains.GetGrain<IFeedWriterGrain>(Tenant);

    public static async Task<FeedCluster> StartAsync(FeedCluster? sharingStoresWith = null, IDictionary<string, string?>? settings = null, MemoryEventLog? log = null)
    {
        var eventLog = log ?? sharingStoresWith?.EventLog ?? new MemoryEventLog();
        var store = sharingStoresWith?.Store ?? new MemoryFeedStore();
        var cluster = await ActivityCluster.StartAsync(
            services =>
            {
                services.AddSingleton<IEventLog>(eventLog);
                services.AddSingleton<IFeedStore>(store);
            },
            settings,
            sharingStoresWith?.Time);
        return new FeedCluster(cluster, eventLog, store);
    }

    public Task<IReadOnlyList<Guid>> EmitAsync(params EventInput[] events) =>
        cluster.Service<EventIngestor>().EmitAsync(Tenant, events);

    /// <summary>Emits one event and waits until the feed has applied it.</summary>
    public async Task<Guid> EmitAppliedAsync(string type, string actor = "u1", string? payload = null)
    {
        var id = (await EmitAsync(Draft(type, actor, payload)))[0];
        await Feed.DrainAsync();
        return id;
    }

    public Task<IReadOnlyList<Tile>> TilesAsync() => store.ListTilesAsync(Tenant, null, 100, default);

    /// <summary>The change log: exactly what the feed publishes to live clients, in order.</summary>
    public async Task<IReadOnlyList<FeedChangeRecord>> ChangesAsync(long after = 0) => await store.ReadChangesAsync(Tenant, after, 1000, default);

    /// <summary>
    /// Returns once the feed has handled every call made to it before (the calls it made to itself
    /// included): a call that changes nothing, queued behind them.
    /// </summary>
    public Task BarrierAsync() => Writer.CatchUpAsync(0);

    public async Task<long> CheckpointAsync() => (await store.LoadAsync(Tenant, default)).Checkpoint;

    public static EventInput Draft(string type, string actor = "u1", string? payload = null, string? key = null) =>
        new(type, actor, null, null, null, payload is null ? null : JsonDocument.Parse(payload).RootElement.Clone(), key);

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}

/// <summary>Reads a change's data.</summary>
internal static class ChangeData
{
    public static JsonElement Data(this FeedChangeRecord change) => JsonDocument.Parse(change.Body).RootElement.Clone();
}
