using Activity.Testing;

namespace Activity.Silo.Tests.Feed;

public sealed class RecoveryTests
{
    [Fact]
    public async Task Events_acknowledged_before_a_crash_are_applied_exactly_once_by_the_silos_that_follow()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        FeedClient tenant;
        await using (var first = SiloFactory.OnPostgres(database.ConnectionString))
        {
            tenant = await FeedClient.CreateAsync(first);
            await tenant.EmitAppliedAsync("vote", "u1");
        }

        // What a silo that died after acknowledging, before applying, leaves: three more events in the log.
        await database.ScalarAsync(
            """
            WITH bumped AS (UPDATE tenant_sequences SET last = last + 3 WHERE tenant_id = @tenant RETURNING last)
            INSERT INTO event_log (tenant_id, seq, id, type, actor_id, occurred_at, received_at, expires_on)
            SELECT @tenant, b.last - 3 + g, gen_random_uuid(), 'vote', 'u' || (g + 1), now(), now(), activity_expires_on(now(), 90)
            FROM bumped b, generate_series(1, 3) AS g
            """,
            ("tenant", tenant.TenantId));

        await using (var second = SiloFactory.OnPostgres(database.ConnectionString))
        {
            var restarted = new FeedClient(second, tenant.TenantId, tenant.ApiKey);
            await restarted.DrainAsync();
            var group = Assert.Single(await restarted.TilesAsync())!;
            Assert.Equal(4, (int)group["count"]!);
        }

        await using var third = SiloFactory.OnPostgres(database.ConnectionString);
        var again = new FeedClient(third, tenant.TenantId, tenant.ApiKey);
        Assert.Equal(0, await again.DrainAsync());
        Assert.Equal(4, (int)Assert.Single(await again.TilesAsync())!["count"]!);
        Assert.Equal(4L, await database.ScalarAsync("SELECT applied FROM feed_checkpoints WHERE tenant_id = @tenant", ("tenant", tenant.TenantId)));
    }
}
