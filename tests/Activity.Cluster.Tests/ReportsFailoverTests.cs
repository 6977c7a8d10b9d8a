using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Cluster.Tests;

/// <summary>
/// Scheduled reports on two silo processes: every slot of a minutely template runs once, and the run
/// whose silo is killed during it is taken over by the survivor and finishes under its id.
/// </summary>
public sealed class ReportsFailoverTests : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    // A short lease, so a dead silo's run is taken over at the survivor's next tick; a long webhook
    // timeout, so the held delivery is still in progress when its silo is killed; a minutely schedule
    // and a webhook on http://127.0.0.1, which silos refuse by default.
    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 2, new Dictionary<string, string?>
    {
        ["Activity:Reports:Lease"] = "00:00:10",
        ["Activity:Reports:WebhookTimeout"] = "00:05:00",
        ["Activity:Analytics:AutoStart"] = "false",
        ["Activity:Reports:MinScheduleInterval"] = "00:01:00",
        ["Activity:Reports:AllowHttpWebhooks"] = "true",
        ["Activity:Reports:AllowedWebhookNetworks:0"] = "127.0.0.0/8",
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Each_slot_runs_once_and_a_run_killed_with_its_silo_finishes_on_the_survivor()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hook = new WebhookListener();
        var first = true;
        hook.Before = _ =>
        {
            // The first delivery never gets an answer: its silo dies holding it.
            var hold = first;
            first = false;
            return hold ? held.Task : Task.CompletedTask;
        };
        var tenant = await TenantHttp.CreateAsync(_cluster.Silos[0]);
        using (var http = TenantHttp.Http(_cluster.Silos[0], tenant.ApiKey))
        {
            var created = await http.PostAsJsonAsync("/api/reports/templates", new { id = "every-minute", name = "Every minute", schedule = "* * * * *", metrics = new[] { "activity-trends" }, recipients = new[] { hook.Url } });
            created.EnsureSuccessStatusCode();
        }

        var killedRun = (await hook.NextAsync(TimeSpan.FromSeconds(90))).Headers["X-Activity-Report-Run"];
        var running = await SiloHoldingReportsAsync();
        await running.KillAsync();
        var survivor = _cluster.Running.Single();

        // The survivor takes the run over (lease passed) and delivers it again, then runs the next slots.
        var deliveries = new List<string> { killedRun };
        while (deliveries.Count(id => id != killedRun) < 2 || !deliveries.Skip(1).Contains(killedRun))
        {
            deliveries.Add((await hook.NextAsync(TimeSpan.FromSeconds(150))).Headers["X-Activity-Report-Run"]);
        }

        var runs = await RunsAsync(survivor, tenant);
        var killed = runs.Single(r => (string?)r["id"] == killedRun);
        var done = runs.Where(r => (string?)r["status"] == "completed").ToList();
        var slots = done.Select(r => (DateTimeOffset)r["slot"]!).Order().ToList();
        Assert.Equal("completed", (string?)killed["status"]);
        Assert.DoesNotContain(runs, r => (string?)r["status"] == "failed");
        Assert.Equal(slots.Count, slots.Distinct().Count());
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(1), pair.Second - pair.First));
        Assert.Equal(2, deliveries.Count(id => id == killedRun));
        Assert.All(deliveries.Where(id => id != killedRun).GroupBy(id => id), g => Assert.Single(g));
        held.TrySetResult();
    }

    // The silo the tenant's reports grain is active on (the only tenant, so the only reports activation).
    private async Task<SiloProcess> SiloHoldingReportsAsync()
    {
        foreach (var silo in _cluster.Running.ToList())
        {
            var activations = await ClusterView.ActivationsAsync(_cluster.Silos[0], silo);
            if (activations.Any(a => a.Key.Contains("ReportsGrain", StringComparison.Ordinal) && a.Value > 0))
            {
                return silo;
            }
        }

        throw new InvalidOperationException("No silo holds the reports grain.");
    }

    private static async Task<List<JsonNode>> RunsAsync(SiloProcess silo, TenantHttp tenant)
    {
        using var http = TenantHttp.Http(silo, tenant.ApiKey);
        return [.. JsonNode.Parse(await http.GetStringAsync("/api/reports/runs?templateId=every-minute"))!.AsArray().Select(r => r!)];
    }
}
