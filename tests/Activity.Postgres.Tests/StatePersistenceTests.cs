using Activity.Runtime.State;
using Activity.Testing;
using Activity.Testing.Grains;

namespace Activity.Postgres.Tests;

public sealed class StatePersistenceTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly string _key = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task State_written_on_one_silo_is_read_by_the_next_silo_on_the_database()
    {
        await using (var first = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider()))
        {
            await first.Grains.GetGrain<ICounterGrain>(_key).Increment();
            await first.Grains.GetGrain<ICounterGrain>(_key).Increment();
        }

        await using var second = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider());

        Assert.Equal(2, await second.Grains.GetGrain<ICounterGrain>(_key).Get());
        Assert.Equal([$"activate:{_key}:2"], second.Log.Events);
    }

    [Fact]
    public async Task Of_two_activations_of_one_grain_the_stale_one_fails_its_write_and_reloads()
    {
        // Two silos holding the same grain at once: what a membership change can briefly cause.
        await using var a = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider());
        await using var b = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider());
        await a.Grains.GetGrain<ICounterGrain>(_key).Increment();
        Assert.Equal(2, await b.Grains.GetGrain<ICounterGrain>(_key).Increment());

        await Assert.ThrowsAsync<InconsistentStateException>(() => a.Grains.GetGrain<ICounterGrain>(_key).Increment());

        await a.Log.WaitForAsync($"deactivate:{_key}:InconsistentState");
        Assert.Equal(2, await a.Grains.GetGrain<ICounterGrain>(_key).Get());
        Assert.Equal(3, await a.Grains.GetGrain<ICounterGrain>(_key).Increment());
        Assert.Equal("""{"count": 3}""", await database.Database.ScalarAsync(
            "SELECT payload::text FROM grain_state WHERE grain_type = 'CounterGrain' AND grain_key = @key", ("key", _key)));
    }
}
