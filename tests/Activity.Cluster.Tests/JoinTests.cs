using System.Net;
using Activity.Testing;

namespace Activity.Cluster.Tests;

/// <summary>A fourth silo joins a running cluster, as ops scale out.</summary>
public sealed class JoinTests : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_fourth_silo_takes_grains_and_a_feed_that_moves_to_it_keeps_its_state()
    {
        var first = _cluster.Silos[0];
        var tenant = await TenantHttp.CreateAsync(first);
        await tenant.EmitAsync(first, "vote", "u1");
        await tenant.EmitAsync(first, "vote", "u2");
        await ProcessCluster.DrainAsync(first, tenant.Id);
        var home = (await ClusterView.FeedSiloAsync(first, tenant.Id, _cluster.Silos))!;

        var fourth = await _cluster.AddSiloAsync("silo4");
        Assert.Equal("Active", await ClusterView.StatusAsync(first, fourth));

        // The feed's silo leaves: the feed starts again elsewhere, from what it wrote, and the third
        // vote of the window still makes the group of three.
        home.Terminate();
        await home.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        await tenant.EmitAsync(fourth, "vote", "u3");
        await ProcessCluster.DrainAsync(fourth, tenant.Id);
        Assert.Equal(3, await _cluster.Database.ScalarAsync("SELECT count FROM tiles WHERE tenant_id = @tenant AND merged_into IS NULL", ("tenant", tenant.Id)));

        // New feeds land on every silo, the new one included.
        var survivor = _cluster.Running.First();
        for (var i = 0; i < 20; i++)
        {
            var other = await TenantHttp.CreateAsync(fourth);
            Assert.Equal(HttpStatusCode.NotFound, await other.ProbeFeedAsync(fourth, TimeSpan.FromSeconds(30)));
        }

        Assert.True((await ClusterView.ActivationsAsync(survivor, fourth)).GetValueOrDefault("FeedGrain") > 0);
    }
}
