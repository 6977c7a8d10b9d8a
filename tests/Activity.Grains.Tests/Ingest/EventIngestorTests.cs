using Activity.Grains.Ingest;
using Activity.Grains.Tests.Feed;
using Activity.Memory.Log;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Ingest;

public sealed class EventIngestorTests
{
    [Fact]
    public async Task Data_the_log_refuses_fails_only_its_own_emit_when_writes_are_shared()
    {
        var queue = new RefusingQueue();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(queue), silos: 1);
        var ingestor = cluster.Service<EventIngestor>();

        // Hold the first write, so the next two emits wait together and share the second one.
        var first = ingestor.EmitAsync(FeedCluster.Tenant, [FeedCluster.Draft("vote", "u0")]);
        await queue.FirstArrived.Task;
        var good = ingestor.EmitAsync(FeedCluster.Tenant, [FeedCluster.Draft("vote", "u1")]);
        var bad = ingestor.EmitAsync(FeedCluster.Tenant, [FeedCluster.Draft("vote", RefusingQueue.RefusedActor)]);
        queue.Gate.SetResult();

        await first;
        await good;
        await Assert.ThrowsAsync<EventsRejectedException>(() => bad);
        Assert.Equal([1, 2, 1, 1], queue.Sizes);
        Assert.Equal(["u0", "u1"], (await queue.ReadAsync(FeedCluster.Tenant, 0, 10, default)).Select(e => e.ActorId));
    }

    // The real memory log, refusing an event as PostgreSQL refuses a value it cannot store; its first
    // append waits for the gate.
    private sealed class RefusingQueue() : InterceptedEventLog(new MemoryEventLog())
    {
        public const string RefusedActor = "refused";

        private readonly Lock _gate = new();

        public TaskCompletionSource FirstArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> Sizes { get; } = [];

        public override async Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
        {
            bool isFirst;
            lock (_gate)
            {
                Sizes.Add(events.Count);
                isFirst = Sizes.Count == 1;
            }

            if (isFirst)
            {
                FirstArrived.SetResult();
                await Gate.Task;
            }

            return events.Any(e => e.ActorId == RefusedActor)
                ? throw new EventsRejectedException("refused", new InvalidOperationException("invalid byte sequence"))
                : await Log.AppendAsync(events, idempotencyWindow, cancellationToken);
        }
    }
}
