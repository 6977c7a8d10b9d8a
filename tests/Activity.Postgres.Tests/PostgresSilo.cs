using Activity.Testing;
using Activity.Testing.Grains;

namespace Activity.Postgres.Tests;

/// <summary>Test silos on one PostgreSQL database: the same grains, reminders and state, one silo after (or beside) another.</summary>
internal static class PostgresSilo
{
    public static Task<TestSilo> StartAsync(string connectionString, FakeTimeProvider time) =>
        TestSilo.StartAsync(
            grains => grains.AddGrain<CounterGrain>().AddGrain<ReminderGrain>(),
            services => services.AddActivityPostgres(connectionString),
            time: time);
}
