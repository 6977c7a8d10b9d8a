using Activity.Grains.Telemetry;
using Activity.Silo.Auth;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Activity.Silo.Telemetry;

/// <summary>
/// OpenTelemetry in every silo (<see cref="TelemetryOptions"/>): Activity's own meter beside ASP.NET
/// Core's request and connection meters, HttpClient's, the runtime's, Orleans' and Npgsql's; traces sampled at
/// <see cref="TelemetryOptions.TraceSampleRatio"/>. Metrics are scraped from <c>GET /metrics</c> with the
/// admin key; everything goes to an OTLP collector as well when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class TelemetryHostingExtensions
{
    /// <summary>Orleans' meter (grain activations, calls, messaging, membership).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Npgsql's meter (connections, commands).</summary>
    public const string NpgsqlMeter = "Npgsql";

    /// <summary>
    /// ASP.NET Core's meters that are on: requests (<c>http.server.*</c>), connections (<c>kestrel.*</c>)
    /// and unhandled exceptions. Its others (memory pool rents, authentication and authorization,
    /// routing matches, rate-limiter leases) each record on every request and tell less than these and
    /// Activity's own (<c>activity.ratelimit.refused</c>); with all of them on, a request cost the silo
    /// several µs more (tests/load/auth.sh), so they are left off.
    /// </summary>
    private static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics"];

    /// <summary>The scrape endpoint's path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' span sources, for <see cref="TelemetryOptions.GrainCallSpans"/>.</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static WebApplicationBuilder AddActivityTelemetry(this WebApplicationBuilder builder)
    {
        var settings = Settings(builder.Configuration);
        if (!settings.Enabled)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("activity-silo", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddMeter(ActivityMeter.Name, OrleansMeter, NpgsqlMeter)
                .AddMeter(AspNetCoreMeters)
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new RootSampler(Math.Clamp(settings.TraceSampleRatio, 0, 1)))) // out of range: the options' validation stops the start, naming the setting
                .AddSource(ActivityMeter.Name)
                .AddSource(settings.GrainCallSpans ? OrleansSources : [])
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !IsScrapeOrProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // The standard variable, as every OpenTelemetry SDK reads it (with OTEL_EXPORTER_OTLP_PROTOCOL etc.).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Orleans' own span per grain call, when <see cref="TelemetryOptions.GrainCallSpans"/> asks for it.</summary>
    public static ISiloBuilder AddGrainCallSpans(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = Settings(configuration);
        if (settings.Enabled && settings.GrainCallSpans)
        {
            silo.AddActivityPropagation();
        }

        return silo;
    }

    private static TelemetryOptions Settings(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

    /// <summary><c>GET /metrics</c> in Prometheus' text format, for the admin key (when telemetry is on).</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this WebApplication app)
    {
        if (app.Services.GetService<MeterProvider>() is not null)
        {
            // The exporter maps every method; a scrape is a GET.
            app.MapPrometheusScrapingEndpoint(MetricsPath)
                .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
                .RequireAuthorization(AccessPolicies.AdminKey);
        }

        return app;
    }

    // Scrapes and health probes come every few seconds and tell nothing about the service's work.
    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.Ordinal) || path.StartsWithSegments("/health", StringComparison.Ordinal);
}
