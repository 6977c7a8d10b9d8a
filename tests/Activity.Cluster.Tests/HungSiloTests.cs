using System.Diagnostics;
using Activity.Testing;
using Xunit.Abstractions;

namespace Activity.Cluster.Tests;

/// <summary>A silo that hangs (SIGSTOP): its sockets stay open, it just never answers.</summary>
public sealed class HungSiloTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_hung_silo_is_declared_dead_within_15_seconds_and_its_feeds_answer_elsewhere()
    {
        var (observer, hung) = (_cluster.Silos[0], _cluster.Silos[2]);
        var tenant = await FailoverTests.TenantOnAsync(_cluster, hung);

        hung.Freeze();
        var frozen = Stopwatch.GetTimestamp();
        var answeredAfter = await FailoverTests.FeedAnswersAsync(tenant, observer, frozen);
        await Poll.UntilAsync(async () => await ClusterView.StatusAsync(observer, hung) == "Dead", TimeSpan.FromSeconds(60), "The hung silo declared dead");

        var deadAfter = Stopwatch.GetElapsedTime(frozen);
        output.WriteLine($"SIGSTOP -> declared dead within {deadAfter.TotalSeconds:F2} s; its feed answered on a survivor after {answeredAfter.TotalSeconds:F2} s");
        Assert.True(deadAfter < TimeSpan.FromSeconds(15), $"declared dead only after {deadAfter.TotalSeconds:F1} s");

        // Let go, it finds itself declared dead and leaves; nothing of it comes back.
        hung.Thaw();
        await hung.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, await tenant.ProbeFeedAsync(_cluster.Silos[1], TimeSpan.FromSeconds(30)));
    }
}
