using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Tenants;
using Activity.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Activity.Grains;

/// <summary>Registers Activity's grains and the services around them.</summary>
public static class GrainsRuntimeBuilderExtensions
{
    /// <summary>Serves every grain class of <c>Activity.Grains</c>.</summary>
    public static GrainRuntimeBuilder AddActivityGrains(this GrainRuntimeBuilder builder) =>
        builder.AddGrainsFromAssembly(typeof(GrainsRuntimeBuilderExtensions).Assembly);

    /// <summary>
    /// Adds tenants, ingest and the feed, with in-memory stores unless a storage package (PostgreSQL)
    /// registered its own. Call after <c>AddGrainRuntime</c>: the ingestor starts after the silo and
    /// stops (writing what is waiting) before it.
    /// </summary>
    public static IServiceCollection AddActivityFeed(this IServiceCollection services)
    {
        services.AddGrainRuntime(grains => grains.AddActivityGrains());
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedOptions>>(new ProblemValidator<FeedOptions>(o => o.Problem()));
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>>(new ProblemValidator<IngestOptions>(o => o.Problem()));

        services.TryAddSingleton<ITenantStore, MemoryTenantStore>();
        services.TryAddSingleton<IActivityQueue, MemoryActivityQueue>();
        services.TryAddSingleton<IFeedStore, MemoryFeedStore>();
        services.AddSingleton<TenantService>();
        services.AddSingleton<EventIngestor>();
        services.AddHostedService(sp => sp.GetRequiredService<EventIngestor>());
        services.AddSingleton<FeedMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedMaintenance>());
        return services;
    }
}
