using System.Data.Common;
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
using Microsoft.Extensions.Options;
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
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresOptions>>(new ProblemValidator<PostgresOptions>(o => o.Problem()));
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddSingleton<IGrainStorage, PostgresGrainStorage>();
        services.AddSingleton<IReminderTable, PostgresReminderTable>();
        services.AddSingleton<ITenantStore, PostgresTenantStore>();
        services.AddSingleton<IActivityQueue>(sp => new PostgresActivityQueue(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<PostgresOptions>>().Value.CopyFrom));
        services.AddSingleton<IFeedStore, PostgresFeedStore>();
        services.AddSingleton<ISiloStartupTask, MigrationRunner>();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return services;
    }

    // The hot statements (append, read, apply) are the same text every time: unless the connection
    // string says otherwise, let Npgsql prepare them after their second use, so PostgreSQL parses and
    // plans each once per connection. Nothing here changes session state, so a pooled connection
    // needs no DISCARD ALL round trip on its way back.
    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = Keywords(connectionString);
        if (!given.Contains("maxautoprepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains("noresetonclose"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }

    // The keywords the connection string sets, lower case without spaces ("Max Auto Prepare" and
    // "maxautoprepare" alike). Not NpgsqlConnectionStringBuilder.ContainsKey: that answers whether a
    // keyword exists at all, set or not.
    private static HashSet<string> Keywords(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet();
}
