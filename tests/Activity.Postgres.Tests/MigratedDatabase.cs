using Activity.Testing;
using Npgsql;

namespace Activity.Postgres.Tests;

/// <summary>A fresh database with every migration applied, shared by the tests of one class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Database.MigrateAsync();
        DataSource = NpgsqlDataSource.Create(Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Database.DisposeAsync();
    }
}
