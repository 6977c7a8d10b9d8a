using System.Net;
using System.Net.Http.Json;
using Activity.Testing;

namespace Activity.Cluster.Tests;

/// <summary>Milestones are emitted once per crossing when a silo dies while they are being found.</summary>
public sealed class MilestoneFailoverTests : IAsyncLifetime
{
    private const int Users = 40;
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(silos: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_a_silo_as_streaks_are_crossed_emits_each_streak_milestone_exactly_once()
    {
        var (first, victim) = (_cluster.Silos[0], _cluster.Silos[2]);
        var tenant = await TenantHttp.CreateAsync(first);
        using (var admin = ProcessCluster.Admin(first))
        {
            var put = await admin.PutAsJsonAsync($"/api/admin/tenants/{tenant.Id}/milestones", new { streak = new { enabled = true } });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        // Six days of activity for every user: their dashboards are active, spread over the silos.
        var today = DateTimeOffset.UtcNow.Date;
        using var http = TenantHttp.Http(first, tenant.ApiKey);
        var sixDays = Enumerable.Range(0, Users).SelectMany(u => Enumerable.Range(1, 6).Select(d => Activity(u, today.AddDays(-d)))).ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/activity/emit", sixDays)).StatusCode);
        await ProcessCluster.DrainAsync(first, tenant.Id);

        // The seventh day for everyone, and the victim dies as soon as the first milestone is in the
        // log, while the other dashboards are finding and emitting theirs.
        var seventh = Enumerable.Range(0, Users).Select(u => Activity(u, today)).ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/activity/emit", seventh)).StatusCode);
        await FirstMilestoneAsync(tenant.Id);
        await victim.KillAsync();

        // Until the survivors agree the victim is dead, a drain may fail; then twice: the crossings,
        // and the milestone events they emitted.
        await DrainUntilAnsweredAsync(first, tenant.Id);
        await DrainUntilAnsweredAsync(first, tenant.Id);

        var perUser = await _cluster.Database.ScalarAsync(
            "SELECT string_agg(n::text, ',') FROM (SELECT count(*) AS n FROM event_log WHERE tenant_id = @tenant AND type = 'streak_milestone' GROUP BY actor_id) c",
            ("tenant", tenant.Id));
        var users = await _cluster.Database.ScalarAsync(
            "SELECT count(DISTINCT actor_id) FROM event_log WHERE tenant_id = @tenant AND type = 'streak_milestone'", ("tenant", tenant.Id));
        Assert.Equal((long)Users, users);
        Assert.All(((string)perUser!).Split(','), n => Assert.Equal("1", n));
    }

    private Task FirstMilestoneAsync(string tenantId) => Poll.UntilAsync(
        async () => (long)(await _cluster.Database.ScalarAsync("SELECT count(*) FROM event_log WHERE tenant_id = @tenant AND type = 'streak_milestone'", ("tenant", tenantId)))! > 0,
        TimeSpan.FromSeconds(30),
        "A first milestone",
        TimeSpan.FromMilliseconds(20));

    // At the day's first minute: today's is never in the future, whenever the test runs (09:00 was refused
    // as too far ahead between midnight and nine, UTC).
    private static object Activity(int user, DateTimeOffset day) => new { type = "SIGN_IN", actorId = $"user-{user}", occurredAt = day };

    private static async Task DrainUntilAnsweredAsync(SiloProcess silo, string tenantId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            using var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/activity/drain?tenantId={tenantId}");
            request.Headers.Add("x-drain-secret", SiloFactory.TestDrainSecret);
            try
            {
                if ((await client.SendAsync(request)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (TaskCanceledException)
            {
                // A call to a grain of the dead silo waited out its timeout: ask again.
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the drain never answered after the kill");
            await Task.Delay(Poll.DefaultEvery);
        }
    }
}
