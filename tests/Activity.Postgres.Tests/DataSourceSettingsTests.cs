using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Activity.Postgres.Tests;

public sealed class DataSourceSettingsTests
{
    [Fact]
    public async Task A_statement_run_twice_is_prepared_and_connections_go_back_without_a_reset()
    {
        await using var services = Services(PostgresDatabase.ServerConnectionString);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        Assert.True(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).NoResetOnClose);
        Assert.Equal(1L, await PreparedAfterThreeRunsAsync(dataSource));
    }

    [Fact]
    public async Task The_connection_string_overrides_the_defaults()
    {
        var connectionString = PostgresDatabase.ServerConnectionString + ";Max Auto Prepare=0;NoResetOnClose=false";
        await using var services = Services(connectionString);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        Assert.False(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).NoResetOnClose);
        Assert.Equal(0L, await PreparedAfterThreeRunsAsync(dataSource));
    }

    private static ServiceProvider Services(string connectionString) =>
        new ServiceCollection().AddSingleton(_ => PostgresSiloBuilderExtensions.CreateDataSource(connectionString)).BuildServiceProvider();

    private static async Task<long> PreparedAfterThreeRunsAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var run = 0; run < 3; run++)
        {
            await using var command = new NpgsqlCommand("SELECT @n::int + 1", connection);
            command.Parameters.AddWithValue("n", run);
            await command.ExecuteScalarAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int + 1%'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
