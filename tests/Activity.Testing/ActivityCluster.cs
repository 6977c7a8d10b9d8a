using Activity.Grains;
using Activity.Grains.Tenants;
using Activity.Memory;
using Activity.Memory.Feed;
using Activity.Memory.Log;
using Activity.Memory.Reports;
using Activity.Memory.Tenants;
using Activity.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Activity.Testing;

/// <summary>
/// Activity's grains on an Orleans <see cref="InProcessTestCluster"/> (two silos by default) whose clock
/// the test moves: every silo, and Orleans itself, runs on the same <see cref="FakeTimeProvider"/>, so
/// timers, windows and rate limits move only when the test says so (and memory streams, which poll on
/// that clock, deliver nothing until it moves: tests read the change log instead). Stores are shared
/// by every silo, as a cluster shares its database: memory ones (<see cref="Tenants"/>,
/// <see cref="EventLog"/>, <see cref="FeedStore"/>, <see cref="Reports"/>) unless the test registers others, or PostgreSQL.
/// </summary>
public sealed class ActivityCluster : IAsyncDisposable
{
    private ActivityCluster(FakeTimeProvider time)
    {
        Time = time;
    }

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The clock of every silo.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The stores every silo shares (memory clusters).</summary>
    internal MemoryStores Stores { get; } = new();

    /// <summary>The tenants every silo shares (memory clusters).</summary>
    internal MemoryTenantStore Tenants => Stores.Tenants;

    /// <summary>The event log every silo shares (memory clusters).</summary>
    internal MemoryEventLog EventLog => Stores.EventLog;

    /// <summary>The feed store every silo shares (memory clusters).</summary>
    internal MemoryFeedStore FeedStore => Stores.Feed;

    /// <summary>The report runs every silo shares (memory clusters).</summary>
    internal MemoryReportStore Reports => Stores.Reports;

    /// <summary>The cluster's client.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A new clock at a fixed Monday morning, so tests read the same wherever and whenever they run.</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Starts the cluster.</summary>
    /// <param name="services">Shared services every silo gets (stores, say).</param>
    /// <param name="settings">Configuration every silo reads.</param>
    /// <param name="time">The clock; a new one when null.</param>
    /// <param name="silos">How many silos.</param>
    /// <param name="postgres">A database for grain state, reminders and stores (membership stays the test cluster's); memory when null.</param>
    public static async Task<ActivityCluster> StartAsync(
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null,
        FakeTimeProvider? time = null,
        short silos = 2,
        string? postgres = null)
    {
        var started = new ActivityCluster(time ?? NewClock());
        time = started.Time;
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;

        // Orleans keys state and reminders by service id: clusters on one database are one service.
        builder.Options.ServiceId = postgres is null ? builder.Options.ServiceId : "activity";
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(time);
            if (postgres is null)
            {
                silo.AddActivityMemoryStores(started.Stores);
            }
            else
            {
                silo.AddActivityPostgres(postgres, clustering: false);
            }

            // After the stores: a test's own registrations (a log that refuses, say) take their place.
            services?.Invoke(silo.Services);
            silo.AddActivityGrains();
        });
        started.Cluster = builder.Build();
        try
        {
            await started.Cluster.DeployAsync();
        }
        catch
        {
            await started.Cluster.DisposeAsync();
            throw;
        }

        return started;
    }

    /// <summary>Creates a tenant through its grain; its id.</summary>
    public async Task<string> CreateTenantAsync(string name = "acme")
    {
        var id = TenantKeys.NewTenantId();
        await Grains.GetGrain<ITenantGrain>(id).CreateAsync(name);
        return id;
    }

    /// <summary>A service of silo <paramref name="silo"/>.</summary>
    public T Service<T>(int silo = 0)
        where T : notnull => Cluster.Silos[silo].ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
