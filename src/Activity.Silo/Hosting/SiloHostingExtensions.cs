using Activity.Grains;
using Activity.Postgres;
using Activity.Runtime.Hosting;
using Activity.Silo.Auth;
using Activity.Silo.Gateway;
using Activity.Silo.Health;

namespace Activity.Silo.Hosting;

/// <summary>Wires the silo: grain runtime, storage (PostgreSQL when configured), health, errors.</summary>
internal static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddActivitySilo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section);
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section);
        services.AddSingleton<SiloKeys>();
        services.AddGrainRuntime(grains => grains.AddActivityGrains());

        // No connection string: the embedded silo (in-memory everything), the same code otherwise.
        var connectionString = builder.Configuration[$"{PostgresOptions.Section}:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddActivityPostgres(connectionString);
        }

        services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        services.AddProblemDetails();
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication MapActivitySilo(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthApi();
        app.MapGrainGatewayApi();
        return app;
    }
}
