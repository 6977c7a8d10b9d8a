using System.Diagnostics;
using System.Net;
using Activity.Testing;
using Xunit.Abstractions;

namespace Activity.Cluster.Tests;

/// <summary>A silo killed with <c>kill -9</c> while a client emits steadily through the others.</summary>
public sealed class FailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_a_silo_under_load_loses_and_repeats_no_acknowledged_event_and_its_feeds_answer_elsewhere_within_5_seconds()
    {
        var (first, second, victim) = (_cluster.Silos[0], _cluster.Silos[1], _cluster.Silos[2]);
        var tenant = await TenantOnAsync(_cluster, victim);
        var survivors = new[] { first, second };
        var next = 0;
        SiloProcess Survivor() => survivors[Interlocked.Increment(ref next) % survivors.Length];

        // Live readers on a survivor and on the victim (which reconnects to a survivor, as EventSource does).
        await using var steady = await LiveReader.StartAsync(first, () => first, tenant.ApiKey);
        await using var moved = await LiveReader.StartAsync(victim, Survivor, tenant.ApiKey);
        // Up to 800 emits a second: steady, without saturating the two cores that also run three
        // silos and PostgreSQL (a starved machine slows the failure detection it is here to measure).
        await using var load = EmitLoad.Start(() => Survivor().BaseAddress, tenant.ApiKey, period: TimeSpan.FromMilliseconds(5));
        await load.WaitForAsync(300);

        await victim.KillAsync();
        var killed = Stopwatch.GetTimestamp();
        var answeredAfter = await FeedAnswersAsync(tenant, first, killed);
        output.WriteLine($"kill -9 -> the dead silo's feed answered on a survivor after {answeredAfter.TotalSeconds:F2} s");
        await load.WaitForAsync(load.Acknowledged.Count + 300);
        await load.StopAsync();
        await ProcessCluster.DrainAsync(first, tenant.Id);

        Assert.True(answeredAfter < TimeSpan.FromSeconds(5), $"the dead silo's feed answered again after {answeredAfter.TotalSeconds:F1} s");
        Assert.Empty(load.Failures);

        // Each event is a tile of its own type: every acknowledged event is exactly one tile.
        var acknowledged = load.Acknowledged;
        var tiles = await _cluster.Database.ScalarAsync("SELECT count(*) FROM tiles WHERE tenant_id = @tenant AND event_type LIKE 'load-%'", ("tenant", tenant.Id));
        var found = await _cluster.Database.ScalarAsync("SELECT count(*) FROM tiles WHERE tenant_id = @tenant AND id = ANY(@ids)", ("tenant", tenant.Id), ("ids", acknowledged.ToArray()));
        Assert.Equal((long)acknowledged.Count, tiles);
        Assert.Equal((long)acknowledged.Count, found);

        // Both readers saw every change once, in order, the one that lost its silo included.
        var last = (long)(await _cluster.Database.ScalarAsync("SELECT last_change FROM feed_checkpoints WHERE tenant_id = @tenant", ("tenant", tenant.Id)))!;
        foreach (var reader in new[] { steady, moved })
        {
            await reader.WaitForAsync(last);
            Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), reader.Ids);
        }

        Assert.True(moved.Connections >= 2);
    }

    // Asks (10 ms apart) until the tenant's feed answers (a call waits, or answers 503, while the cluster still
    // believes in the dead silo); how long after the kill that was.
    internal static async Task<TimeSpan> FeedAnswersAsync(TenantHttp tenant, SiloProcess through, long since)
    {
        while (true)
        {
            try
            {
                if (await tenant.ProbeFeedAsync(through, TimeSpan.FromSeconds(10)) == HttpStatusCode.NotFound)
                {
                    return Stopwatch.GetElapsedTime(since);
                }
            }
            catch (TaskCanceledException)
            {
                // Waited out the client's timeout: ask again.
            }

            Assert.True(Stopwatch.GetElapsedTime(since) < TimeSpan.FromSeconds(60), "the dead silo's feed never answered again");

            // A pause short against the failover it times, so the asking does not take the cores from it.
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    // A tenant whose feed grain lives on the given silo: its in-memory state dies with it.
    internal static async Task<TenantHttp> TenantOnAsync(ProcessCluster cluster, SiloProcess silo)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var tenant = await TenantHttp.CreateAsync(cluster.Silos[0]);
            await tenant.ProbeFeedAsync(cluster.Silos[0], TimeSpan.FromSeconds(30));
            if (await ClusterView.FeedSiloAsync(cluster.Silos[0], tenant.Id, cluster.Silos) == silo)
            {
                return tenant;
            }
        }

        throw new InvalidOperationException($"No feed grain landed on {silo} in 30 tries.");
    }
}
