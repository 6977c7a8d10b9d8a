using Activity.Grains;
using Activity.Postgres;
using Activity.Runtime.Hosting;
using Activity.Silo.Auth;
using Activity.Silo.Feed;
using Activity.Silo.Gateway;
using Activity.Silo.Health;
using Activity.Silo.Tenants;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Hosting;

/// <summary>Wires the silo: grain runtime, feed, storage (PostgreSQL when configured), auth, APIs, health, errors.</summary>
internal static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddActivitySilo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section);
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section);
        services.AddGrainRuntime(grains => grains.AddActivityGrains());
        services.AddActivityFeed();
        services.AddSingleton<SiloKeys>();
        services.AddSingleton<TenantResolver>();
        services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StreamOptions>>(new ProblemValidator<StreamOptions>(o => o.Problem()));

        // No connection string: the embedded silo (in-memory everything), the same code otherwise.
        var connectionString = builder.Configuration[$"{PostgresOptions.Section}:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddActivityPostgres(connectionString);
        }

        services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication MapActivitySilo(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthApi();
        app.MapOpenApi();
        app.MapTenantsApi();
        app.MapFeedApi();
        app.MapGrainGatewayApi();
        return app;
    }
}
