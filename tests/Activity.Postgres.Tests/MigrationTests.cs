using Activity.Postgres.Migrations;
using Activity.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Activity.Postgres.Tests;

public sealed class MigrationTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Every_migration_is_applied_once_in_order_and_recorded()
    {
        await _database.MigrateAsync();
        await _database.MigrateAsync();

        var recorded = await ReadRecordedAsync();
        Assert.Equal(Migration.Embedded().Select(m => (m.Version, m.Name)), recorded);
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM orleans_storage"));
        Assert.Equal(21L, await _database.ScalarAsync("SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task Silos_starting_together_apply_each_migration_exactly_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _database.MigrateAsync())));

        Assert.Equal(Migration.Embedded().Count, (await ReadRecordedAsync()).Count);
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_stops_the_silo_with_the_file_name()
    {
        await _database.MigrateAsync();
        await _database.ScalarAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _database.MigrateAsync());

        Assert.Contains("001_grain_runtime.sql", error.Message);
        Assert.Contains("add a new numbered migration", error.Message);
    }

    [Fact]
    public async Task Renaming_the_log_keeps_its_events_its_partitions_and_the_functions_that_read_it()
    {
        await Runner(_database.ConnectionString).RunAsync(through: 15, CancellationToken.None);
        await _database.ScalarAsync("SELECT activity_queue_partition(DATE '2027-03-01')");
        await _database.ScalarAsync("""
            INSERT INTO activity_queue (tenant_id, seq, id, type, actor_id, occurred_at, received_at, payload, expires_on)
            VALUES ('ten_old', 1, gen_random_uuid(), 'deployment', 'ann', now(), now(), '{"service":"billing"}', DATE '2027-03-03')
            """);

        await _database.MigrateAsync();
        await _database.ScalarAsync("SELECT event_log_partition(DATE '2027-03-08')");

        Assert.Equal(1L, await _database.ScalarAsync("SELECT count(*) FROM event_log WHERE tenant_id = 'ten_old'"));
        Assert.Equal("event_log_e20270301,event_log_e20270308", await _database.ScalarAsync(
            "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'event_log'::regclass"));
        Assert.Equal(["2027-03-01", "2027-03-08"], ((string)(await _database.ScalarAsync("SELECT string_agg(w::text, ',' ORDER BY w) FROM activity_log_weeks() w"))!).Split(','));
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname LIKE 'activity\\_queue%'"));
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'activity\\_queue%'"));
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM pg_proc WHERE prosrc LIKE '%activity\\_queue%' OR proname LIKE 'activity\\_queue%'"));
    }

    [Fact]
    public async Task An_unreachable_server_fails_the_start_after_the_startup_timeout_with_the_address()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = 1, Timeout = 1 }.ConnectionString;
        var runner = Runner(unreachable, startupTimeout: TimeSpan.FromSeconds(2));

        // The real clock: the two seconds of patience are what is tested.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(CancellationToken.None));
        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Contains("not reachable within 2 s", error.Message);
    }

    private static MigrationRunner Runner(string connectionString, TimeSpan? startupTimeout = null) => new(
        NpgsqlDataSource.Create(connectionString),
        Options.Create(new PostgresOptions { ConnectionString = connectionString, StartupTimeout = startupTimeout ?? TimeSpan.FromSeconds(30) }),
        TimeProvider.System,
        NullLogger<MigrationRunner>.Instance);

    private async Task<List<(int, string)>> ReadRecordedAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT version, name FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return rows;
    }
}
