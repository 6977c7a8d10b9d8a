using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Cluster.Tests;

/// <summary>The feed sweep runs on a reminder: killing the silos it ran on does not stop it.</summary>
public sealed class ReminderFailoverTests : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    // A sweep every 5 s, so a test sees several (the reminder's minimum period follows the setting).
    public async Task InitializeAsync() =>
        _cluster = await ProcessCluster.StartAsync(silos: 3, new Dictionary<string, string?> { ["Activity:Feed:SweepInterval"] = "00:00:05" });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_sweep_reminder_fires_on_a_survivor_after_the_silos_it_ran_on_are_killed()
    {
        // Twice: after the second kill one silo is left, and it owns every reminder, so whichever silo
        // served the reminder before, a survivor fires it now.
        for (var round = 0; round < 2; round++)
        {
            var observer = _cluster.Running.First();
            var (at, silo) = await NextSweepAsync(observer, after: DateTimeOffset.MinValue);
            var ranOn = _cluster.Running.SingleOrDefault(s => silo.StartsWith(s.AddressPrefix, StringComparison.Ordinal)) ?? _cluster.Running.Last();
            await ranOn.KillAsync();

            var survivor = _cluster.Running.First();
            var (laterAt, laterSilo) = await NextSweepAsync(survivor, after: at);
            Assert.False(laterSilo.StartsWith(ranOn.AddressPrefix, StringComparison.Ordinal));
            Assert.True(laterAt > at);
        }
    }

    // Asks (with a pause between requests) until the cluster reports a sweep that finished after `after`
    // (every sweep is a reminder tick, or the one each silo runs at start); its time and silo.
    private static async Task<(DateTimeOffset At, string Silo)> NextSweepAsync(SiloProcess observer, DateTimeOffset after)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await ClusterView.ReadAsync(observer))["lastSweep"] is JsonObject sweep
                    && (DateTimeOffset)sweep["at"]! is var at && at > after)
                {
                    return (at, (string)sweep["silo"]!);
                }
            }
            catch (HttpRequestException)
            {
                // The sweep grain's silo just died: the cluster is moving it.
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "no sweep ran");
            await Task.Delay(Poll.DefaultEvery);
        }
    }
}
