using System.Data.Common;
using Activity.Grains;
using Activity.Grains.Analytics;
using Activity.Grains.Audit;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Activity.Grains.Reports;
using Activity.Grains.Retention;
using Activity.Grains.State;
using Activity.Grains.Tenants;
using Activity.Postgres.Analytics;
using Activity.Postgres.Audit;
using Activity.Postgres.Feed;
using Activity.Postgres.Health;
using Activity.Postgres.Ingest;
using Activity.Postgres.Migrations;
using Activity.Postgres.Reports;
using Activity.Postgres.Retention;
using Activity.Postgres.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Activity.Postgres;

/// <summary>Makes one PostgreSQL database the silo's durable store, for Orleans and for Activity.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name Orleans' providers know Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Membership (ADO.NET clustering), grain state (ADO.NET storage: Activity's as JSON, Orleans'
    /// stream subscriptions in its own format), reminders, tenants, the event log and the feed, all in
    /// PostgreSQL. Migrations from <c>sql/</c> are applied at the first stage of the silo's start; a
    /// <c>postgres</c> health check tagged <c>ready</c> is added. Without <paramref name="clustering"/>,
    /// membership is left to the host (a test cluster's own).
    /// </summary>
    public static ISiloBuilder AddActivityPostgres(this ISiloBuilder silo, string connectionString, bool clustering = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (clustering)
        {
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        }

        silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        silo.AddAdoNetGrainStorage(ActivityProviders.Storage, o =>
        {
            (o.Invariant, o.ConnectionString) = (Invariant, connectionString);
            o.GrainStorageSerializer = new JsonGrainStateSerializer();
        });

        // PubSub's state holds Orleans' own types, which its serializer knows (and JSON does not).
        silo.AddAdoNetGrainStorage(ActivityProviders.PubSub, o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));

        var services = silo.Services;
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresOptions>>(new ProblemValidator<PostgresOptions>(o => o.Problem()));
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddSingleton<ITenantStore, PostgresTenantStore>();
        services.AddSingleton<IEventLog>(sp => new PostgresEventLog(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<PostgresOptions>>().Value.CopyFrom));
        services.AddSingleton<IFeedStore, PostgresFeedStore>();
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddSingleton<IEventRetention, PostgresEventRetention>();
        services.AddSingleton<IAnalyticsQueries, PostgresAnalyticsQueries>();
        services.AddKeyedSingleton<ITableProjection, AnalyticsTables>(AnalyticsTables.ProjectionName);
        services.AddSingleton(sp => sp.GetRequiredKeyedService<ITableProjection>(AnalyticsTables.ProjectionName));
        services.AddSingleton<IReportStore, PostgresReportStore>();
        services.AddHostedService<LogIndexMerger>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<MigrationRunner>());
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return silo;
    }

    // The hot statements (append, read, apply) are the same text every time: unless the connection
    // string says otherwise, let Npgsql prepare them after their second use, so PostgreSQL parses and
    // plans each once per connection. Nothing here changes session state, so a pooled connection
    // needs no DISCARD ALL round trip on its way back.
    internal static NpgsqlDataSource CreateDataSource(string connectionString)
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
