using Activity.Abstractions.Feed;
using Activity.Abstractions.Ingest;
using Activity.Client.Emitter;
using Activity.Domain.Feed;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Activity.Client.Tests;

/// <summary>Activity.Client against real silo processes on PostgreSQL.</summary>
public sealed class ClusterClientTests
{
    [Fact]
    public async Task A_client_finds_the_silos_in_the_membership_table_and_calls_public_grains()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 2);
        var (tenant, _) = await ProcessCluster.CreateTenantAsync(cluster.Silos[0]);
        using var host = await StartClientAsync(cluster, tenant);
        var grains = host.Services.GetRequiredService<IClusterClient>();

        var ids = await grains.GetGrain<IIngestGrain>(0).EmitAsync(tenant, [new EventInput("badge_earned", "author")]);
        await grains.GetGrain<IFeedGrain>(tenant).DrainAsync();
        var reaction = await grains.GetGrain<IFeedGrain>(tenant).ReactAsync(ids[0], "fan", ReactionType.Hype);

        Assert.Equal((ReactionStatus.Ok, new ReactionCounts(1, 0, 0)), (reaction.Status, reaction.Counts));
        await host.StopAsync();
    }

    [Fact]
    public async Task An_emitter_delivers_every_event_exactly_once_while_one_of_two_silos_is_killed()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 2);
        var (tenant, _) = await ProcessCluster.CreateTenantAsync(cluster.Silos[0]);
        using var host = await StartClientAsync(cluster, tenant);
        var emitter = host.Services.GetRequiredService<IActivityEmitter>();

        // Batches are on their way when the second silo dies; more follow once it is dead.
        for (var i = 0; i < 1000; i++)
        {
            emitter.Emit(new EventInput("vote", $"u{i}"));
        }

        await cluster.Silos[1].KillAsync();
        for (var i = 1000; i < 2000; i++)
        {
            emitter.Emit(new EventInput("vote", $"u{i}"));
        }

        await emitter.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal((2000L, 0L, 0L), (emitter.Counts.Sent, emitter.Counts.Dropped, emitter.Counts.Refused));
        Assert.Equal(2000L, await cluster.Database.ScalarAsync("SELECT count(DISTINCT actor_id) FROM event_log WHERE tenant_id = @tenant", ("tenant", tenant)));
        Assert.Equal(2000L, await cluster.Database.ScalarAsync("SELECT count(*) FROM event_log WHERE tenant_id = @tenant", ("tenant", tenant)));
        await host.StopAsync();
    }

    private static async Task<IHost> StartClientAsync(ProcessCluster cluster, string tenant)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddActivityClient(o =>
        {
            o.ConnectionString = cluster.Database.ConnectionString;
            o.GatewayRefresh = TimeSpan.FromSeconds(1);
            o.Emitter.TenantId = tenant;
            o.Emitter.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
            o.Emitter.MaxRetryDelay = TimeSpan.FromSeconds(1);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
