using System.Diagnostics;
using Activity.Testing;
using Xunit.Abstractions;

namespace Activity.Cluster.Tests;

/// <summary>
/// PostgreSQL holds membership too: two silos on a server of the test's own, restarted under emit
/// load. The silos must neither stop nor declare each other dead; emits answer 503 meanwhile and 202
/// again soon after, and nothing acknowledged is lost.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer _server = null!;
    private string? _previous;
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();

        // Test databases are made on this server: ProcessCluster reads the variable.
        _previous = Environment.GetEnvironmentVariable(PostgresDatabase.ServerVariable);
        Environment.SetEnvironmentVariable(PostgresDatabase.ServerVariable, _server.ConnectionString);
        _cluster = await ProcessCluster.StartAsync(silos: 2);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Environment.SetEnvironmentVariable(PostgresDatabase.ServerVariable, _previous);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_database_restart_under_load_takes_no_silo_down_and_loses_nothing_acknowledged()
    {
        var tenant = await TenantHttp.CreateAsync(_cluster.Silos[0]);
        var next = 0;
        await using var load = EmitLoad.Start(() => _cluster.Silos[Interlocked.Increment(ref next) % 2].BaseAddress, tenant.ApiKey);
        await load.WaitForAsync(200);

        await _server.StopAsync();
        var acknowledgedBefore = load.Acknowledged.Count;
        await Task.Delay(TimeSpan.FromSeconds(3)); // the outage itself: the database is down this long
        await _server.StartAgainAsync();
        var back = Stopwatch.GetTimestamp();
        await load.WaitForAsync(load.Acknowledged.Count + 1);
        var acceptingAfter = Stopwatch.GetElapsedTime(back);
        await load.WaitForAsync(load.Acknowledged.Count + 200);
        await load.StopAsync();
        output.WriteLine($"database down 3 s: emits accepted again {acceptingAfter.TotalSeconds:F2} s after it came back; {load.Failures.Count} emits refused meanwhile ({load.Failures.Count(f => f.StartsWith("503", StringComparison.Ordinal))} of them 503)");

        Assert.True(acceptingAfter < TimeSpan.FromSeconds(5), $"emits were accepted again only {acceptingAfter.TotalSeconds:F1} s after the database came back");
        Assert.All(load.Failures, f => Assert.StartsWith("503", f));
        Assert.True(load.Acknowledged.Count > acknowledgedBefore);
        foreach (var silo in _cluster.Silos)
        {
            Assert.False(silo.HasExited);
            Assert.Equal("Active", await ClusterView.StatusAsync(_cluster.Silos[0], silo));
        }

        await ProcessCluster.DrainAsync(_cluster.Silos[1], tenant.Id);
        var acknowledged = load.Acknowledged;
        Assert.Equal((long)acknowledged.Count, await _cluster.Database.ScalarAsync("SELECT count(*) FROM tiles WHERE tenant_id = @tenant AND id = ANY(@ids)", ("tenant", tenant.Id), ("ids", acknowledged.ToArray())));
    }
}
