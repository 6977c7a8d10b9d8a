using Activity.Grains.Ingest;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Projections;

/// <summary>The projection component on the in-memory log of the embedded silo.</summary>
public sealed class MemoryLogFollowerTests : LogFollowerContract
{
    protected override Task<ActivityCluster> StartAsync(TallyStore store, IActivityQueue? log) =>
        ActivityCluster.StartAsync(With(store, services =>
        {
            if (log is not null)
            {
                services.AddSingleton(log);
            }
        }));
}

/// <summary>The projection component on the PostgreSQL log (one database per class; each test its own tenant rows).</summary>
public sealed class PostgresLogFollowerTests(PostgresDatabase database) : LogFollowerContract, IClassFixture<PostgresDatabase>
{
    protected override Task<ActivityCluster> StartAsync(TallyStore store, IActivityQueue? log) =>
        ActivityCluster.StartAsync(With(store), postgres: database.ConnectionString);
}
