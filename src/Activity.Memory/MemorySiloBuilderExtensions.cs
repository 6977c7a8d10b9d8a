using Activity.Grains;
using Activity.Grains.Analytics;
using Activity.Grains.Audit;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Reports;
using Activity.Grains.Retention;
using Activity.Grains.State;
using Activity.Grains.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Memory;

/// <summary>Keeps everything a silo stores in its own memory: the embedded silo, and grain tests.</summary>
public static class MemorySiloBuilderExtensions
{
    /// <summary>
    /// Grain state (<see cref="ActivityProviders.Storage"/>, as the same JSON the database holds), stream
    /// subscriptions, reminders, tenants, the event log (with its audit log, analytics and retention), the
    /// feed and report runs, all in this process's memory and gone with it. The mirror of
    /// <c>AddActivityPostgres</c>; clustering is left to the host.
    /// </summary>
    public static ISiloBuilder AddActivityMemoryStores(this ISiloBuilder silo) => silo.AddActivityMemoryStores(new MemoryStores());

    // A test cluster passes one set that all of its silos share.
    internal static ISiloBuilder AddActivityMemoryStores(this ISiloBuilder silo, MemoryStores stores)
    {
        silo.AddMemoryGrainStorage(ActivityProviders.Storage, o => o.GrainStorageSerializer = new JsonGrainStateSerializer());
        silo.AddMemoryGrainStorage(ActivityProviders.PubSub);
        silo.UseInMemoryReminderService();
        var services = silo.Services;
        services.AddSingleton<ITenantStore>(stores.Tenants);
        services.AddSingleton<IEventLog>(stores.EventLog);
        services.AddSingleton<IAuditLog>(stores.AuditLog);
        services.AddSingleton<IAnalyticsQueries>(stores.Analytics);
        services.AddSingleton<IEventRetention>(stores.Retention);
        services.AddSingleton<IFeedStore>(stores.Feed);
        services.AddSingleton<IReportStore>(stores.Reports);
        return silo;
    }
}
