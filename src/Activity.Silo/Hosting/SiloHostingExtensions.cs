using Activity.Grains;
using Activity.Postgres;
using Activity.Silo.Analytics;
using Activity.Silo.Audit;
using Activity.Silo.Auth;
using Activity.Silo.Cluster;
using Activity.Silo.Console;
using Activity.Silo.Dashboard;
using Activity.Silo.Demo;
using Activity.Silo.Erasure;
using Activity.Silo.Feed;
using Activity.Silo.Health;
using Activity.Silo.Milestones;
using Activity.Silo.Reports;
using Activity.Silo.Retention;
using Activity.Silo.Stats;
using Activity.Silo.Http;
using Activity.Silo.Limits;
using Activity.Silo.Telemetry;
using Activity.Silo.Tenants;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Hosting;

/// <summary>Wires the silo: Orleans, the feed, storage (PostgreSQL when configured), auth, APIs, health, errors.</summary>
internal static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddActivitySilo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section);
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section);

        // No connection string: the embedded silo (one silo, in-memory everything), the same code otherwise.
        var connectionString = configuration[$"{PostgresOptions.Section}:ConnectionString"];
        var embedded = string.IsNullOrWhiteSpace(connectionString);
        builder.UseOrleans(silo =>
        {
            if (embedded)
            {
                silo.AddActivityEmbedded(configuration);
            }
            else
            {
                silo.AddActivityPostgres(connectionString!);
            }

            silo.AddActivityGrains();
            silo.AddActivityCluster(configuration);
            silo.AddActivityTls(configuration);
            silo.AddGrainCallSpans(configuration);
        });

        builder.AddActivityTelemetry();

        // The console's files as the build wrote them (fingerprinted names filled into its page), in every
        // environment: a silo run from its build output reads them through the build's manifest; a
        // published silo has no manifest and serves its published wwwroot, which holds the same.
        builder.WebHost.UseStaticWebAssets();
        services.AddActivityAccess();
        services.AddActivityRateLimits();
        services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StreamOptions>>(new ProblemValidator<StreamOptions>(o => o.Problem()));
        services.AddSingleton<SseMetrics>();
        services.AddSingleton<FeedFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedFanout>());

        services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        services.AddProblemDetails();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddOpenApi();
        services.AddHostedService<StartupBanner>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoOptions>>(new ProblemValidator<DemoOptions>(o => o.Problem(embedded)));
        if (configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"))
        {
            services.AddHostedService<DemoMode>();
        }
        return builder;
    }

    public static WebApplication MapActivitySilo(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthorization();
        app.UseMiddleware<TenantLogScope>();
        app.UseRateLimiter();
        app.MapConsole();
        app.MapOrleansDashboardApi();
        app.MapHealthApi();
        app.MapMetricsApi();
        app.MapOpenApi().AllowAnonymous();
        app.MapTenantsApi();
        app.MapClusterApi();
        app.MapFeedApi();
        app.MapDashboardApi();
        app.MapStatsApi();
        app.MapAuditApi();
        app.MapMilestonesApi();
        app.MapRetentionApi();
        app.MapErasureApi();
        app.MapAnalyticsApi();
        app.MapReportsApi();
        return app;
    }
}
