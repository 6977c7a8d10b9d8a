using Activity.Testing;
using Activity.Testing.Grains;

namespace Activity.Postgres.Tests;

public sealed class ReminderPersistenceTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly string _key = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_reminder_fires_on_a_new_silo_after_the_silo_that_registered_it_stopped()
    {
        await using (var first = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider(Nine)))
        {
            await first.Grains.GetGrain<IReminderGrain>(_key).Register("report", TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        }

        await using var second = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider(Nine.AddMinutes(1)));
        second.Time.Advance(TimeSpan.FromMinutes(4));

        await second.Log.WaitForAsync($"tick:{_key}:report:09:05:00");
        second.Time.Advance(TimeSpan.FromHours(1));
        await second.Log.WaitForAsync($"tick:{_key}:report:10:05:00");
    }

    [Fact]
    public async Task Ticks_missed_while_no_silo_ran_are_skipped_to_the_next_one_on_schedule()
    {
        await using (var first = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider(Nine)))
        {
            await first.Grains.GetGrain<IReminderGrain>(_key).Register("report", TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        }

        await using var second = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider(Nine.AddHours(2).AddMinutes(30)));
        second.Time.Advance(TimeSpan.FromMinutes(35));

        await second.Log.WaitForAsync($"tick:{_key}:report:12:05:00");
        Assert.Equal([$"tick:{_key}:report:12:05:00"], Ticks(second));
    }

    [Fact]
    public async Task An_unregistered_reminder_stays_gone_after_a_restart()
    {
        await using (var first = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider(Nine)))
        {
            var grain = first.Grains.GetGrain<IReminderGrain>(_key);
            await grain.Register("report", TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
            await grain.Unregister("report");
        }

        await using var second = await PostgresSilo.StartAsync(database.ConnectionString, new FakeTimeProvider(Nine));
        second.Time.Advance(TimeSpan.FromHours(2));

        // Runs after any tick that Advance queued to the grain.
        Assert.Empty(await second.Grains.GetGrain<IReminderGrain>(_key).Names());
        Assert.Empty(Ticks(second));
    }

    private List<string> Ticks(TestSilo silo) =>
        [.. silo.Log.Events.Where(e => e.StartsWith($"tick:{_key}:", StringComparison.Ordinal))];
}
