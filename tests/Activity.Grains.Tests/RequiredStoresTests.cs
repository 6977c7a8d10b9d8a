using Activity.Grains.Feed;
using Activity.Memory.Feed;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Activity.Grains.Tests;

public sealed class RequiredStoresTests
{
    [Fact]
    public async Task A_silo_without_its_stores_fails_to_start_and_names_every_one_missing()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            // One store of seven, and none of the rest: what a host that forgot AddActivityMemoryStores() has.
            silo.Services.AddSingleton<IFeedStore>(new MemoryFeedStore());
            silo.AddMemoryGrainStorage(ActivityProviders.Storage).AddMemoryGrainStorage(ActivityProviders.PubSub).UseInMemoryReminderService();
            silo.AddActivityGrains();
        });
        await using var cluster = builder.Build();

        var error = await Record.ExceptionAsync(cluster.DeployAsync);

        var message = error?.ToString() ?? "";
        Assert.Contains("No store is registered for ITenantStore, IEventLog, IAuditLog, IAnalyticsQueries, IEventRetention, IReportStore", message, StringComparison.Ordinal);
        Assert.Contains("AddActivityMemoryStores()", message, StringComparison.Ordinal);
    }
}
