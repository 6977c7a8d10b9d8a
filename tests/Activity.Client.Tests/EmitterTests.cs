using Activity.Abstractions.Ingest;
using Activity.Client.Emitter;
using Activity.Grains.Ingest;
using Activity.Memory.Log;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Activity.Client.Tests;

/// <summary>The fire-and-forget emitter against a test cluster's silos.</summary>
public sealed class EmitterTests
{
    [Fact]
    public async Task Emitted_events_are_sent_in_batches_and_stored_once_each()
    {
        var log = new MemoryEventLog();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        var tenant = await cluster.CreateTenantAsync();
        var emitter = Emitter(cluster, new ActivityEmitterOptions { TenantId = tenant, BatchSize = 100 });
        await emitter.StartAsync(default);

        for (var i = 0; i < 250; i++)
        {
            emitter.Emit(new EventInput("vote", $"u{i}"));
        }

        await emitter.FlushAsync();

        Assert.Equal(new EmitterCounts(250, 0, 0, 0), emitter.Counts);
        var stored = await log.ReadAsync(tenant, 0, 1000, default);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"u{i}"), stored.Select(e => e.ActorId));
        await emitter.StopAsync(default);
    }

    [Fact]
    public async Task A_full_buffer_drops_the_oldest_event_and_the_caller_never_sees_a_failure()
    {
        var log = new MemoryEventLog();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        var tenant = await cluster.CreateTenantAsync();
        var emitter = Emitter(cluster, new ActivityEmitterOptions { TenantId = tenant, Capacity = 3 });

        // Not started yet: nothing is sent, so the buffer fills.
        for (var i = 0; i < 5; i++)
        {
            emitter.Emit(new EventInput("vote", $"u{i}"));
        }

        Assert.Equal(2, emitter.Counts.Dropped);
        await emitter.StartAsync(default);
        await emitter.FlushAsync();
        await emitter.StopAsync(default);
        emitter.Emit(new EventInput("vote", "after-stop"));

        Assert.Equal(new EmitterCounts(3, 0, 3, 0), emitter.Counts);
        Assert.Equal(["u2", "u3", "u4"], (await log.ReadAsync(tenant, 0, 10, default)).Select(e => e.ActorId));
    }

    [Fact]
    public async Task Events_the_cluster_refuses_are_counted_and_not_retried()
    {
        await using var cluster = await ActivityCluster.StartAsync();
        var tenant = await cluster.CreateTenantAsync();
        var emitter = Emitter(cluster, new ActivityEmitterOptions { TenantId = tenant });
        await emitter.StartAsync(default);

        emitter.Emit(new EventInput("not a type", "u1"));
        emitter.Emit("ten_nobody0000000000", new EventInput("vote", "u1"));
        emitter.Emit(new EventInput("vote", "u2"));
        await emitter.FlushAsync();

        Assert.Equal(new EmitterCounts(1, 0, 0, 2), emitter.Counts);
        await emitter.StopAsync(default);
    }

    [Fact]
    public async Task A_send_whose_answer_was_lost_is_retried_and_stores_nothing_twice()
    {
        // The first write is committed but its caller hears a failure, as when a silo dies right after.
        var log = new AnswerLosingQueue();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        var tenant = await cluster.CreateTenantAsync();
        var emitter = Emitter(cluster, new ActivityEmitterOptions { TenantId = tenant, FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        // Both buffered before the emitter starts, so they go in the one send whose answer is lost (once
        // started first, the second could follow in a send of its own under a loaded CI).
        emitter.Emit(new EventInput("vote", "u1"));
        emitter.Emit(new EventInput("vote", "u2"));
        await emitter.StartAsync(default);
        await emitter.FlushAsync();

        Assert.Equal(new EmitterCounts(2, 2, 0, 0), emitter.Counts);
        Assert.Equal(["u1", "u2"], (await log.ReadAsync(tenant, 0, 10, default)).Select(e => e.ActorId));
        await emitter.StopAsync(default);
    }

    [Fact]
    public async Task Stopping_sends_what_is_still_buffered()
    {
        var log = new MemoryEventLog();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        var tenant = await cluster.CreateTenantAsync();
        var emitter = Emitter(cluster, new ActivityEmitterOptions { TenantId = tenant });
        await emitter.StartAsync(default);

        emitter.Emit(new EventInput("vote", "u1"));
        await emitter.StopAsync(default);

        Assert.Equal(1, emitter.Counts.Sent);
        Assert.Single(await log.ReadAsync(tenant, 0, 10, default));
    }

    private static ActivityEmitter Emitter(ActivityCluster cluster, ActivityEmitterOptions options) =>
        new(cluster.Grains, Options.Create(options), TimeProvider.System, NullLogger<ActivityEmitter>.Instance);

    // Commits the first append, then fails it, as a write whose acknowledgement never arrived.
    private sealed class AnswerLosingQueue() : InterceptedEventLog(new MemoryEventLog())
    {
        private int _appends;

        public override async Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
        {
            var result = await Log.AppendAsync(events, idempotencyWindow, cancellationToken);
            return Interlocked.Increment(ref _appends) == 1 ? throw new TimeoutException("the answer was lost") : result;
        }
    }
}
