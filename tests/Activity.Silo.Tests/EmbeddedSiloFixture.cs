using Activity.Testing;

namespace Activity.Silo.Tests;

/// <summary>One embedded silo (memory stores) whose clock stands still at Monday 2026-01-05 09:00 UTC, as the PostgreSQL fixtures' clocks do.</summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    public SiloFactory Silo { get; } = SiloFactory.Embedded(time: ActivityCluster.NewClock());

    public Task InitializeAsync()
    {
        Silo.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
