using System.Diagnostics;
using Activity.Testing;
using Xunit.Abstractions;

namespace Activity.Cluster.Tests;

/// <summary>SIGTERM to a silo behind nginx while clients emit through nginx, as a rolling deploy does.</summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;
    private NginxProcess _nginx = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ProcessCluster.StartAsync(silos: 3);
        _nginx = await NginxProcess.StartAsync(_cluster.Silos);
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_silo_stopped_under_load_fails_no_request_writes_what_it_holds_and_leaves_the_cluster()
    {
        var tenant = await TenantHttp.CreateAsync(_cluster.Silos[0]);
        var stopping = _cluster.Silos[1];
        await using var reader = await LiveReader.StartAsync(stopping, () => _cluster.Running.First(), tenant.ApiKey);
        await using var load = EmitLoad.Start(() => _nginx.BaseAddress, tenant.ApiKey);
        await load.WaitForAsync(300);

        stopping.Terminate();
        var terminated = Stopwatch.GetTimestamp();
        await stopping.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        var stoppedAfter = Stopwatch.GetElapsedTime(terminated);
        await load.WaitForAsync(load.Acknowledged.Count + 300);
        await load.StopAsync();
        output.WriteLine($"SIGTERM -> exited after {stoppedAfter.TotalSeconds:F2} s; {load.Acknowledged.Count} emits through nginx, {load.Failures.Count} failed");

        Assert.Empty(load.Failures);
        Assert.Equal("Dead", await ClusterView.StatusAsync(_cluster.Silos[0], stopping));

        // Nothing acknowledged is missing or doubled, and the live client, moved to another silo, saw it all.
        await ProcessCluster.DrainAsync(_cluster.Silos[0], tenant.Id);
        var acknowledged = load.Acknowledged;
        Assert.Equal((long)acknowledged.Count, await _cluster.Database.ScalarAsync("SELECT count(*) FROM tiles WHERE tenant_id = @tenant AND id = ANY(@ids)", ("tenant", tenant.Id), ("ids", acknowledged.ToArray())));
        Assert.Equal((long)acknowledged.Count, await _cluster.Database.ScalarAsync("SELECT count(*) FROM tiles WHERE tenant_id = @tenant", ("tenant", tenant.Id)));
        var last = (long)(await _cluster.Database.ScalarAsync("SELECT last_change FROM feed_checkpoints WHERE tenant_id = @tenant", ("tenant", tenant.Id)))!;
        await reader.WaitForAsync(last);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), reader.Ids);
    }
}
