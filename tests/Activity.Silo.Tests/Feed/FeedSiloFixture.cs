using Activity.Testing;

namespace Activity.Silo.Tests.Feed;

/// <summary>One silo on a fresh PostgreSQL database for a test class; tests keep apart by creating their own tenants.</summary>
public sealed class FeedSiloFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    public SiloFactory Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Silo = SiloFactory.OnPostgres(Database.ConnectionString);
        Silo.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }
}
