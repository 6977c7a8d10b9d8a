using Activity.Postgres.Health;
using Activity.Postgres.Migrations;
using Activity.Postgres.Reminders;
using Activity.Postgres.State;
using Activity.Runtime.Hosting;
using Activity.Runtime.Reminders;
using Activity.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Activity.Postgres;

/// <summary>Registers PostgreSQL as the silo's durable store.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Stores grain state and reminders in PostgreSQL, applies migrations before the silo starts, and
    /// adds a <c>postgres</c> health check tagged <c>ready</c>.
    /// </summary>
    public static IServiceCollection AddActivityPostgres(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IGrainStorage, PostgresGrainStorage>();
        services.AddSingleton<IReminderTable, PostgresReminderTable>();
        services.AddSingleton<ISiloStartupTask, MigrationRunner>();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return services;
    }
}
