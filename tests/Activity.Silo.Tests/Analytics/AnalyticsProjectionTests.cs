using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Analytics;

public sealed class AnalyticsProjectionTests
{
    [Fact]
    public async Task A_drain_after_a_read_caught_the_analytics_up_succeeds_and_counts_each_event_once()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();

        // Ranges after the first wait an hour in the projection's grain, so it still holds one when the
        // database's own catch-up (what an analytics read runs) applies it first.
        await using var silo = SiloFactory.OnPostgres(database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Activity:Projections:FlushInterval"] = "01:00:00",
        });
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "u1", itemId = "post-1" });
        await Poll.UntilAsync(
            async () => await AppliedAsync(database, tenant.TenantId) == 1,
            TimeSpan.FromSeconds(10),
            "the first vote applied to the analytics");

        await tenant.EmitAsync(new { type = "vote", actorId = "u2", itemId = "post-1" });
        await database.ScalarAsync("SELECT analytics_catch_up(@tenant)", ("tenant", tenant.TenantId));
        Assert.Equal(2L, await AppliedAsync(database, tenant.TenantId));

        await tenant.DrainAsync();
        await tenant.EmitAsync(new { type = "vote", actorId = "u3", itemId = "post-1" });
        await tenant.DrainAsync();

        Assert.Equal(3L, await AppliedAsync(database, tenant.TenantId));
        Assert.Equal(3L, await database.ScalarAsync("SELECT votes FROM analytics_items WHERE tenant_id = @tenant AND item_id = 'post-1'", ("tenant", tenant.TenantId)));
    }

    private static async Task<long> AppliedAsync(PostgresDatabase database, string tenantId) =>
        (long)(await database.ScalarAsync(
            "SELECT coalesce((SELECT applied FROM projection_checkpoints WHERE projection = 'analytics' AND tenant_id = @tenant), 0)",
            ("tenant", tenantId)))!;
}
