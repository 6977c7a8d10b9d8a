using Activity.Grains.Ingest;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Activity.Grains.Tests.Projections;

/// <summary>The projection component on the in-memory log of the embedded silo.</summary>
public sealed class MemoryLogFollowerTests : LogFollowerContract
{
    protected override Task<ActivityCluster> StartAsync(TallyStore store, IEventLog? log) =>
        ActivityCluster.StartAsync(With(store, services =>
        {
            if (log is not null)
            {
                services.AddSingleton(log);
            }
        }));
}

/// <summary>The projection component on the PostgreSQL log (one database per class; each test its own tenant rows).</summary>
public sealed class PostgresLogFollowerTests(PostgresDatabase database) : LogFollowerContract, IClassFixture<PostgresDatabase>
{
    protected override Task<ActivityCluster> StartAsync(TallyStore store, IEventLog? log) =>
        ActivityCluster.StartAsync(With(store), postgres: database.ConnectionString);

    [Fact]
    public async Task A_gap_read_stops_below_an_append_of_another_silo_still_committing()
    {
        await using var test = await TallyTest.StartAsync(this);
        await test.HandAsync(await test.AppendAsync(1));
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var held = await HeldAppend.ReserveAsync(dataSource, test.Tenant, 2, release: true);
        var log = await test.AppendAsync(1);

        // Sequence 4 is handed over, 2 and 3 are still committing: past the patience, the follower reads
        // the log up to its high-water mark (1), not up to 3, which would find nothing and skip them.
        test.Cluster.Time.Advance(TallyKinds.Settings.FlushInterval);
        await test.HandAsync(log[^1..]);
        await test.BarrierAsync();
        test.Cluster.Time.Advance(TallyKinds.Settings.GapPatience);
        await test.BarrierAsync();
        Assert.Equal([1L], await test.Tally.AppliedAsync());
        Assert.Equal(1, (await test.Tally.CountsAsync()).GapReads);

        await held.CommitAsync();
        test.Cluster.Time.Advance(TallyKinds.Settings.GapPatience);
        await test.BarrierAsync();

        Assert.Equal([1L, 2, 3, 4], await test.Tally.AppliedAsync());
    }
}
