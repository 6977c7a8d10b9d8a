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
    public async Task An_unreachable_server_fails_the_start_after_the_startup_timeout_with_the_address()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = 1, Timeout = 1 }.ConnectionString;
        var runner = new MigrationRunner(
            NpgsqlDataSource.Create(unreachable),
            Options.Create(new PostgresOptions { ConnectionString = unreachable, StartupTimeout = TimeSpan.FromSeconds(2) }),
            TimeProvider.System,
            NullLogger<MigrationRunner>.Instance);

        // The real clock: the two seconds of patience are what is tested.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(CancellationToken.None));
        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Contains("not reachable within 2 s", error.Message);
    }

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
