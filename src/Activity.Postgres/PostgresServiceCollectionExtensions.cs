using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Tenants;
using Activity.Postgres.Feed;
using Activity.Postgres.Health;
using Activity.Postgres.Ingest;
using Activity.Postgres.Migrations;
using Activity.Postgres.Reminders;
using Activity.Postgres.State;
using Activity.Postgres.Tenants;
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
    /// Stores grain state, reminders, tenants, the event log and the feed in PostgreSQL, applies
    /// migrations before the silo starts, and adds a <c>postgres</c> health check tagged <c>ready</c>.
    /// </summary>
    public static IServiceCollection AddActivityPostgres(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section);
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddSingleton<IGrainStorage, PostgresGrainStorage>();
        services.AddSingleton<IReminderTable, PostgresReminderTable>();
        services.AddSingleton<ITenantStore, PostgresTenantStore>();
        services.AddSingleton<IActivityQueue, PostgresActivityQueue>();
        services.AddSingleton<IFeedStore, PostgresFeedStore>();
        services.AddSingleton<ISiloStartupTask, MigrationRunner>();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return services;
    }

    // The hot statements (append, read, apply) are the same text every time: unless the connection
    // string says otherwise, let Npgsql prepare them after their second use, so PostgreSQL plans each
    // once. Nothing here changes session state, so a pooled connection needs no reset on its way back.
    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!settings.ContainsKey("Max Auto Prepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        if (!settings.ContainsKey("No Reset On Close"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }
}
