using System.Net;
using System.Net.Http.Json;
using Activity.Testing;

namespace Activity.Cluster.Tests;

/// <summary>Two silo processes with a small emit limit: each silo counts what it serves.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    // Refilled once a second: each silo's two emits plus whatever a second's refill allows stay far below the twenty sent.
    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 2, new Dictionary<string, string?>
    {
        ["Activity:RateLimits:EmitsPerSecond"] = "1",
        ["Activity:RateLimits:EmitBurst"] = "2",
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_tenants_limit_holds_on_each_silo_so_two_silos_take_twice_as_much()
    {
        var tenant = await TenantHttp.CreateAsync(_cluster.Silos[0]);
        var accepted = new Dictionary<SiloProcess, int>();
        foreach (var silo in _cluster.Silos)
        {
            using var http = TenantHttp.Http(silo, tenant.ApiKey);
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 20; i++)
            {
                answers.Add((await http.PostAsJsonAsync("/api/activity/emit", new { type = "vote", actorId = "ann" })).StatusCode);
            }

            Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted], answers.Take(2));
            Assert.Contains(HttpStatusCode.TooManyRequests, answers);
            accepted[silo] = answers.Count(a => a == HttpStatusCode.Accepted);
        }

        Assert.All(accepted.Values, count => Assert.InRange(count, 2, 19));
    }
}
