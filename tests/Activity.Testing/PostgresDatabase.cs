using Activity.Postgres;
using Activity.Postgres.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Activity.Testing;

/// <summary>
/// A fresh database on the test PostgreSQL server (started by <c>tests/run.sh</c>, which exports
/// <c>ACTIVITY_TEST_POSTGRES</c>), dropped when the fixture is disposed. One per test class keeps
/// classes independent while they run in parallel.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    /// <summary>The environment variable holding the server's connection string.</summary>
    public const string ServerVariable = "ACTIVITY_TEST_POSTGRES";

    /// <summary>The connection string of this fixture's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The database's name.</summary>
    public string Name { get; } = "activity_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The server's connection string; fails with the fix when the tests run without one.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ServerVariable} is not set. Run the tests with 'bash tests/run.sh', which starts a throwaway PostgreSQL and sets it.");

    public async Task InitializeAsync()
    {
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using (var create = server.CreateCommand($"CREATE DATABASE \"{Name}\""))
        {
            // A database name cannot be a parameter; Name is generated above, never user input.
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name }.ConnectionString;
    }

    /// <summary>
    /// Refuses connections to this database and ends the open ones, as a database that went away does;
    /// <see cref="UnblockAsync"/> lets them back. (A silo that stops while its membership table is
    /// unreachable waits minutes for it, so tests let the database back before they stop the silo.)
    /// </summary>
    public async Task BlockAsync()
    {
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using (var refuse = server.CreateCommand($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS false"))
        {
            await refuse.ExecuteNonQueryAsync();
        }

        await using var end = server.CreateCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name");
        end.Parameters.AddWithValue("name", Name);
        await end.ExecuteScalarAsync();
    }

    /// <summary>Takes connections again after <see cref="BlockAsync"/>.</summary>
    public async Task UnblockAsync()
    {
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using var allow = server.CreateCommand($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS true");
        await allow.ExecuteNonQueryAsync();
    }

    /// <summary>Drops the database.</summary>
    public async Task DropAsync()
    {
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Applies the migrations, as a starting silo does.</summary>
    public Task MigrateAsync(TimeProvider? timeProvider = null)
    {
        var runner = new MigrationRunner(
            NpgsqlDataSource.Create(ConnectionString),
            Options.Create(new PostgresOptions { ConnectionString = ConnectionString }),
            timeProvider ?? TimeProvider.System,
            NullLogger<MigrationRunner>.Instance);
        return runner.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs one SQL statement against this database.</summary>
    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    public Task DisposeAsync() => DropAsync();
}
