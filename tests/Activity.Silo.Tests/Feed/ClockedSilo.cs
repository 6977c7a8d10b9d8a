using Activity.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Activity.Silo.Tests.Feed;

/// <summary>
/// A silo of its own on a fresh database, whose clock the test moves: for tests of windows, keepalives,
/// retention and rate limits that a shared silo's real clock cannot reach.
/// </summary>
internal sealed class ClockedSilo : IAsyncDisposable
{
    private readonly PostgresDatabase _database;

    private ClockedSilo(PostgresDatabase database, FakeTimeProvider time)
    {
        _database = database;
        Time = time;
        Silo = SiloFactory.OnPostgres(database.ConnectionString, time: time);
    }

    public FakeTimeProvider Time { get; }

    public SiloFactory Silo { get; }

    public IServiceProvider Services => Silo.Services;

    public static async Task<ClockedSilo> StartAsync()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        return new ClockedSilo(database, ActivityCluster.NewClock());
    }

    public Task<FeedClient> CreateTenantAsync() => FeedClient.CreateAsync(Silo);

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _database.DisposeAsync();
    }
}
