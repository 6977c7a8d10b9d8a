using Activity.Grains.Ingest;
using Activity.Postgres.Ingest;
using Activity.Postgres.Retention;

namespace Activity.Postgres.Tests;

/// <summary>Retention on PostgreSQL drops whole expiry weeks of the log and makes the coming ones ahead.</summary>
public sealed class RetentionPartitionTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset January5 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_expired_week_is_dropped_whole_and_the_coming_weeks_exist_afterwards()
    {
        var queue = new PostgresEventLog(database.DataSource);
        var tenant = "ten_" + Guid.NewGuid().ToString("N")[..12];
        // Received 2026-01-05 with the default 90 days: expires 2026-04-05, in the week of Monday 2026-03-30.
        await queue.AppendAsync([new NewEvent(tenant, Guid.CreateVersion7(), "page_view", "u1", null, null, January5, January5, null, null)], TimeSpan.FromDays(1), default);
        Assert.True(await ExistsAsync("event_log_e20260330"));

        var result = await new PostgresEventRetention(database.DataSource).ApplyAsync(new DateTimeOffset(2026, 4, 6, 3, 0, 0, TimeSpan.Zero), default);

        Assert.False(await ExistsAsync("event_log_e20260330"));
        Assert.Equal(1, result.PartitionsDropped);
        Assert.Equal(1, result.EventsRemoved);
        // 2026-04-06 plus 90 days is 2026-07-05, in the week of Monday 2026-06-29; the week after is made too.
        Assert.True(await ExistsAsync("event_log_e20260629"));
        Assert.True(await ExistsAsync("event_log_e20260706"));
    }

    private async Task<bool> ExistsAsync(string table)
    {
        await using var command = database.DataSource.CreateCommand("SELECT to_regclass(@name) IS NOT NULL");
        command.Parameters.AddWithValue("name", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
