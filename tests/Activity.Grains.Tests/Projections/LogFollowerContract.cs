using Activity.Domain.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Activity.Grains.Tests.Projections;

/// <summary>
/// The projection component, once for every projection: a test projection (<see cref="TallyGrain"/>)
/// records every sequence it applies, so "each once, in order" is a list equal to 1..n. Hand-overs are
/// made by the test (as the ingestor would) from events appended to a real log; the log is memory or
/// PostgreSQL (the derived classes).
/// </summary>
public abstract class LogFollowerContract
{
    /// <summary>
    /// A two-silo cluster whose silos share <paramref name="store"/> and the derived class's log: a new
    /// one, or <paramref name="log"/> (another cluster's, as two clusters share a database).
    /// </summary>
    protected abstract Task<ActivityCluster> StartAsync(TallyStore store, IEventLog? log);

    [Fact]
    public async Task Handed_batches_are_applied_in_log_order_each_sequence_once()
    {
        await using var test = await TallyTest.StartAsync(this);
        var log = await test.AppendAsync(6);

        await test.HandAsync(log[0..3]);
        await test.HandAsync(log[1..4]); // overlaps what is applied: cut
        await test.HandAsync(log[0..3]); // applied already: dropped
        await test.HandAsync(log[4..6]);
        await test.Tally.DrainAsync();

        Assert.Equal([1L, 2, 3, 4, 5, 6], await test.Tally.AppliedAsync());
        Assert.Equal(0, (await test.Tally.CountsAsync()).Read);
    }

    [Fact]
    public async Task Batches_handed_out_of_order_are_applied_in_order_without_reading_the_log()
    {
        await using var test = await TallyTest.StartAsync(this);
        var log = await test.AppendAsync(4);

        await test.HandAsync(log[2..4]);
        await test.BarrierAsync();
        Assert.Empty(await test.Tally.AppliedAsync());

        await test.HandAsync(log[0..2]);
        await test.BarrierAsync();

        Assert.Equal([1L, 2, 3, 4], await test.Tally.AppliedAsync());
        Assert.Equal(new FollowerCounts(4, 0, 0), await test.Tally.CountsAsync());
    }

    [Fact]
    public async Task A_gap_that_stays_open_is_read_from_the_log_after_the_patience()
    {
        await using var test = await TallyTest.StartAsync(this);
        var log = await test.AppendAsync(3);

        // Only the last event is handed over, as if the hand-overs of the first two were lost.
        await test.HandAsync(log[2..3]);
        await test.BarrierAsync();
        test.Cluster.Time.Advance(TallyKinds.Settings.GapPatience - TimeSpan.FromMilliseconds(1));
        await test.BarrierAsync();
        Assert.Empty(await test.Tally.AppliedAsync());

        test.Cluster.Time.Advance(TimeSpan.FromMilliseconds(1));
        await test.BarrierAsync();

        Assert.Equal([1L, 2, 3], await test.Tally.AppliedAsync());
        Assert.Equal(new FollowerCounts(Handed: 1, Read: 2, GapReads: 1), await test.Tally.CountsAsync());
    }

    [Fact]
    public async Task More_waiting_after_a_gap_than_one_read_takes_is_read_at_once()
    {
        await using var test = await TallyTest.StartAsync(this);
        var log = await test.AppendAsync(12);

        await test.HandAsync(log[6..12]); // six waiting, five to a read

        await test.BarrierAsync();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), await test.Tally.AppliedAsync());
    }

    [Fact]
    public async Task A_busy_follower_applies_what_comes_within_a_flush_interval_together()
    {
        await using var test = await TallyTest.StartAsync(this);
        var log = await test.AppendAsync(3);

        // Nothing applied lately: the first batch is applied at once.
        await test.HandAsync(log[0..1]);
        await test.BarrierAsync();
        Assert.Equal(1, await test.Tally.ApplyCallsAsync());

        // Within the interval the next ones wait, and join each other.
        await test.HandAsync(log[1..2]);
        await test.HandAsync(log[2..3]);
        await test.BarrierAsync();
        Assert.Equal([1L], await test.Tally.AppliedAsync());

        test.Cluster.Time.Advance(TallyKinds.Settings.FlushInterval);
        await test.BarrierAsync();
        Assert.Equal([1L, 2, 3], await test.Tally.AppliedAsync());
        Assert.Equal(2, await test.Tally.ApplyCallsAsync());
    }

    [Fact]
    public async Task A_follower_quiet_for_a_flush_interval_applies_a_batch_at_once()
    {
        await using var test = await TallyTest.StartAsync(this);
        var log = await test.AppendAsync(2);
        await test.HandAsync(log[0..1]);
        await test.BarrierAsync();

        test.Cluster.Time.Advance(TallyKinds.Settings.FlushInterval);
        await test.HandAsync(log[1..2]);
        await test.BarrierAsync();

        Assert.Equal([1L, 2], await test.Tally.AppliedAsync());
    }

    [Fact]
    public async Task With_a_zero_flush_interval_every_hand_over_is_applied_on_its_own()
    {
        await using var test = await TallyTest.StartAsync(this, TallyKinds.Eager);
        var log = await test.AppendAsync(3);

        foreach (var e in log)
        {
            await test.HandAsync([e]);
            await test.BarrierAsync();
            Assert.Equal(e.Sequence, (await test.Tally.AppliedAsync())[^1]);
        }

        Assert.Equal(3, await test.Tally.ApplyCallsAsync());
    }

    [Fact]
    public async Task An_inline_follower_has_applied_a_batch_when_the_hand_over_returns()
    {
        await using var test = await TallyTest.StartAsync(this, TallyKinds.Inline);
        var log = await test.AppendAsync(4);

        await test.HandAsync(log[0..2]);
        Assert.Equal([1L, 2], await test.Tally.AppliedAsync());

        // After a gap it reads the log at once, up to the batch, then applies the batch.
        await test.HandAsync(log[3..4]);
        Assert.Equal([1L, 2, 3, 4], await test.Tally.AppliedAsync());
        Assert.Equal(new FollowerCounts(Handed: 3, Read: 1, GapReads: 1), await test.Tally.CountsAsync());
    }

    [Fact]
    public async Task A_batch_that_cannot_be_cut_is_read_from_the_log_through_its_end()
    {
        await using var test = await TallyTest.StartAsync(this, TallyKinds.Uncut);
        var log = await test.AppendAsync(5);

        await test.HandAsync(log[0..3]);
        await test.HandAsync(log[1..5]);
        await test.Tally.DrainAsync();

        Assert.Equal([1L, 2, 3, 4, 5], await test.Tally.AppliedAsync());
        Assert.Equal(2, (await test.Tally.CountsAsync()).Read);
    }

    [Fact]
    public async Task An_activation_applies_what_the_log_holds_after_its_checkpoint_before_it_answers()
    {
        var store = new TallyStore();
        var tenant = TallyTest.NewTenant();
        store.Write(TallyKinds.Key(TallyKinds.Written, tenant), 0, 3, [1, 2, 3]);
        await using var test = await TallyTest.StartAsync(this, store: store, tenant: tenant, activate: false);
        await test.AppendAsync(7);

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], await test.Tally.AppliedAsync());
        Assert.Equal(4, (await test.Tally.CountsAsync()).Read);
    }

    [Fact]
    public async Task A_second_activation_cannot_apply_a_sequence_twice()
    {
        // Two clusters on one store and log: two activations of the same projection, as Orleans can
        // briefly have after a silo dies and before the cluster agrees on where the grain lives.
        var store = new TallyStore();
        await using var first = await TallyTest.StartAsync(this, store: store);
        await using var second = await TallyTest.StartAsync(this, store: store, log: first.Log, tenant: first.Tenant);

        await first.AppendAsync(2);
        Assert.Equal(2, await first.Tally.DrainAsync());

        // The second still believes in checkpoint 0: the guard refuses its write, and it starts over.
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.Tally.DrainAsync());
        Assert.Equal(0, await second.Tally.DrainAsync());
        Assert.Equal([1L, 2], await second.Tally.AppliedAsync());
        Assert.Equal([1L, 2], store.Load(TallyKinds.Key(TallyKinds.Written, first.Tenant)).Applied);
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_not_applied_again()
    {
        var store = new TallyStore();
        await using var test = await TallyTest.StartAsync(this, store: store);
        var log = await test.AppendAsync(2);

        // Stored, but the projection hears it failed: it deactivates, and the next activation starts from what is stored.
        store.LoseNextAnswer = true;
        await Assert.ThrowsAsync<TimeoutException>(() => test.Tally.DrainAsync());
        await test.HandAsync(log[1..2]);
        await test.Tally.DrainAsync();

        Assert.Equal([1L, 2], store.Load(TallyKinds.Key(TallyKinds.Written, test.Tenant)).Applied);
        Assert.Equal([1L, 2], await test.Tally.AppliedAsync());
    }

    [Fact]
    public async Task A_projection_held_in_memory_whose_silo_dies_before_it_saves_is_rebuilt_from_its_save_and_the_log()
    {
        var store = new TallyStore();
        await using var test = await TallyTest.StartAsync(this, TallyKinds.Saved, store);
        var log = await test.AppendAsync(3);
        await test.HandAsync(log[0..3]);
        await test.Tally.DrainAsync();
        test.Cluster.Time.Advance(TallyKinds.SaveInterval);
        await test.BarrierAsync();
        Assert.Equal(3, store.Load(TallyKinds.Key(TallyKinds.Saved, test.Tenant)).Checkpoint);

        // Applied, not saved, and then the silos are gone: the projection activates on a new one.
        log = await test.AppendAsync(2);
        await test.HandAsync(log[3..5]);
        await test.Tally.DrainAsync();
        await using var after = await test.CrashAsync(this);

        Assert.Equal([1L, 2, 3, 4, 5], await after.Tally.AppliedAsync());
        Assert.Equal(2, (await after.Tally.CountsAsync()).Read);
    }

    [Fact]
    public async Task Events_never_handed_over_are_applied_after_the_silo_of_the_projection_dies()
    {
        await using var test = await TallyTest.StartAsync(this);
        var log = await test.AppendAsync(3);
        await test.HandAsync(log[0..1]);
        await test.Tally.DrainAsync();

        // Two more in the log whose hand-overs were lost with the silos: the projection activates on a new one.
        await using var after = await test.CrashAsync(this);

        Assert.Equal([1L, 2, 3], await after.Tally.AppliedAsync());
    }

    /// <summary>One test's cluster, store, log and projection.</summary>
    protected sealed class TallyTest(ActivityCluster cluster, TallyStore store, string kind, string tenant) : IAsyncDisposable
    {
        private bool _crashed;

        public ActivityCluster Cluster => cluster;

        /// <summary>The tenant whose log this test appends to: its own, so tests can share a database.</summary>
        public string Tenant => tenant;

        public ITallyGrain Tally => cluster.Grains.GetGrain<ITallyGrain>(TallyKinds.Key(kind, tenant));

        public IEventLog Log { get; } = cluster.Service<IEventLog>();

        public static string NewTenant() => "ten_" + Guid.NewGuid().ToString("N")[..16];

        /// <summary>Starts a cluster and, unless told not to, activates the projection (on an empty log, or on what <paramref name="log"/> holds).</summary>
        public static async Task<TallyTest> StartAsync(LogFollowerContract contract, string kind = TallyKinds.Written, TallyStore? store = null, IEventLog? log = null, string? tenant = null, bool activate = true)
        {
            store ??= new TallyStore();
            var test = new TallyTest(await contract.StartAsync(store, log), store, kind, tenant ?? NewTenant());
            if (activate)
            {
                await test.Tally.AppliedAsync();
            }

            return test;
        }

        /// <summary>Kills every silo (nothing held in memory is written) and starts a new cluster on the same store and log.</summary>
        public async Task<TallyTest> CrashAsync(LogFollowerContract contract)
        {
            foreach (var silo in cluster.Cluster.Silos.ToList())
            {
                try
                {
                    await cluster.Cluster.KillSiloAsync(silo);
                }
                catch (OperationCanceledException)
                {
                    // A kill stops the host with a cancelled token, and a hosted service may answer that by
                    // throwing (seen once in CI): the silo is down all the same, which is all a crash needs.
                }
            }

            _crashed = true;
            return await StartAsync(contract, kind, store, Log, tenant, activate: false);
        }

        /// <summary>Appends <paramref name="count"/> events to the log; all of the tenant's events as the follower would be handed them.</summary>
        public async Task<LoggedEvent[]> AppendAsync(int count)
        {
            var at = cluster.Time.GetUtcNow();
            await Log.AppendAsync([.. Enumerable.Range(0, count).Select(i => new NewEvent(tenant, Guid.CreateVersion7(), "tally", $"u{i}", null, null, at, at, null, null))], TimeSpan.FromDays(1), default);
            return [.. await Log.ReadAsync(tenant, 0, 1000, default)];
        }

        public Task HandAsync(LoggedEvent[] events) => Tally.AppendedAsync(EventBatch.Of(events));

        /// <summary>Returns once the projection has handled every call made to it before (its calls to itself included).</summary>
        public Task BarrierAsync() => Tally.CatchUpAsync(0);

        public async ValueTask DisposeAsync()
        {
            if (_crashed)
            {
                await cluster.Cluster.DisposeAsync();
            }
            else
            {
                await cluster.DisposeAsync();
            }
        }
    }

    /// <summary>The store as every silo's service.</summary>
    protected static Action<IServiceCollection> With(TallyStore store, Action<IServiceCollection>? more = null) => services =>
    {
        services.AddSingleton(store);
        more?.Invoke(services);
    };
}
