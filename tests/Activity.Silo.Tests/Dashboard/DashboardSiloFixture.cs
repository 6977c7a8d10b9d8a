using Activity.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Activity.Silo.Tests.Dashboard;

/// <summary>
/// One silo on a fresh PostgreSQL database whose clock stands at Monday 2026-01-05 09:00 UTC (ISO week
/// 2026-02), so weeks and days read the same whenever the tests run. Nothing moves without a drain.
/// </summary>
public sealed class DashboardSiloFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    public FakeTimeProvider Time { get; } = ActivityCluster.NewClock();

    public SiloFactory Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Silo = SiloFactory.OnPostgres(Database.ConnectionString, time: Time);
        Silo.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }
}
