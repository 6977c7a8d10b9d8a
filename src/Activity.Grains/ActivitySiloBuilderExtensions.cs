using Activity.Grains.Analytics;
using Activity.Grains.Analytics.Jobs;
using Activity.Grains.Dashboard;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Milestones;
using Activity.Grains.Projections;
using Activity.Grains.Reports;
using Activity.Grains.Retention;
using Activity.Grains.Telemetry;
using Activity.Grains.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Activity.Grains;

/// <summary>Adds Activity's grains and the services around them to a silo.</summary>
public static class ActivitySiloBuilderExtensions
{
    /// <summary>
    /// Adds tenants, ingest, the feed (with its stream provider and sweep), dashboards and the key notices.
    /// The stores, grain storage and reminders come from <c>AddActivityMemoryStores()</c> or
    /// <c>AddActivityPostgres(...)</c>, called before this (which throws, naming what is missing, without);
    /// clustering from the host.
    /// The ingestor starts after the silo and stops (writing what is waiting) before it.
    /// </summary>
    public static ISiloBuilder AddActivityGrains(this ISiloBuilder silo)
    {
        var services = silo.Services;
        RequiredStores.Check(services);
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedOptions>>(new ProblemValidator<FeedOptions>(o => o.Problem()));
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>>(new ProblemValidator<IngestOptions>(o => o.Problem()));
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>>(new ProblemValidator<DashboardOptions>(o => o.Problem()));
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>>(new ProblemValidator<RetentionOptions>(o => o.Problem()));
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section)
            .Configure<IConfiguration>((analytics, configuration) =>
                analytics.AutoStart &= !string.Equals(configuration["DISABLE_AUTO_SYNC"], "true", StringComparison.OrdinalIgnoreCase))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnalyticsOptions>>(new ProblemValidator<AnalyticsOptions>(o => o.Problem()));
        services.AddOptions<TableProjectionOptions>().BindConfiguration(TableProjectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TableProjectionOptions>>(new ProblemValidator<TableProjectionOptions>(o => o.Problem()));
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportsOptions>>(new ProblemValidator<ReportsOptions>(o => o.Problem()));

        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>>(new ProblemValidator<TelemetryOptions>(o => o.Problem()));

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton<ProjectionMetrics>();
        services.TryAddSingleton<FeedStreamMetrics>();
        services.TryAddSingleton<JobMetrics>();
        services.TryAddSingleton<ReportMetrics>();
        services.TryAddSingleton<RetentionMetrics>();
        services.TryAddSingleton<ITenantKeyCache, NoTenantKeyCache>();
        services.AddSingleton<MilestoneRulesCache>();
        services.AddSingleton<TenantProjections>();
        services.AddSingleton<EventIngestor>();
        services.AddHostedService(sp => sp.GetRequiredService<EventIngestor>());
        services.AddHostedService<FeedSweepStarter>();
        services.AddSingleton<AnalyticsComputer>();
        services.AddSingleton<Analytics.Export.AnalyticsExporter>();
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<ReportDeliverer>();
        services.AddHostedService<ReminderStarter>();

        // The sweep's reminder ticks every SweepInterval; let a shorter interval than Orleans' one-minute
        // minimum through, since a sweep is cheap and tests run it often.
        services.AddOptions<ReminderOptions>().PostConfigure<IOptions<FeedOptions>>((reminders, feed) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(reminders.MinimumReminderPeriod.Ticks, feed.Value.SweepInterval.Ticks)));

        silo.AddGrainService<TenantKeyService>();
        services.AddSingleton<TenantKeyServiceClient>();
        silo.AddMemoryStreams(FeedStreams.Provider, streams =>
        {
            streams.ConfigurePartitioning(FeedStreams.Queues);
            streams.ConfigurePullingAgent(agent => agent.Configure<IOptions<FeedOptions>>((pulling, feed) =>
                pulling.GetQueueMsgsTimerPeriod = feed.Value.StreamPullingPeriod));
        });
        return silo;
    }

    // A silo without an HTTP layer remembers no keys.
    private sealed class NoTenantKeyCache : ITenantKeyCache
    {
        public Task ForgetAsync(string tenantId) => Task.CompletedTask;
    }
}
