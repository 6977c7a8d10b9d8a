using System.Text.Json;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Activity.Postgres.Audit;
using Activity.Postgres.Ingest;
using Activity.Testing;

namespace Activity.Postgres.Tests;

/// <summary>
/// Appends reserve their sequences apart from their writes (sql/014): another append of the tenant is
/// not held up by one still committing, and readers stop at the high-water mark below it.
/// </summary>
public sealed class LogReservationTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private readonly string _tenant = "ten_" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData(1000)]
    [InlineData(1)]
    public async Task An_append_still_committing_holds_no_other_append_up_and_readers_stop_below_it(int copyFrom)
    {
        var queue = new PostgresEventLog(database.DataSource, copyFrom);
        await queue.AppendAsync(Events(2), Day, default);
        await using var held = await HeldAppend.ReserveAsync(database.DataSource, _tenant, 3, release: true);

        // Before, the held append kept the tenant's sequence row locked to its commit, and this one waited.
        var later = await queue.AppendAsync(Events(2), Day, default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([6L, 7], later.Sequences);
        Assert.Equal(2, await queue.HighWaterAsync(_tenant, default));
        Assert.Equal(2, (await queue.HighWatersAsync(default))[_tenant]);

        await held.CommitAsync();

        Assert.Equal(7, await queue.HighWaterAsync(_tenant, default));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), (await queue.ReadAsync(_tenant, 0, 100, default)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_reservation_left_by_a_dead_silo_is_given_up_after_five_seconds_and_can_no_longer_commit()
    {
        var queue = new PostgresEventLog(database.DataSource);
        await queue.AppendAsync(Events(1), Day, default);
        await using var dead = await HeldAppend.ReserveAsync(database.DataSource, _tenant, 2, release: false);
        await queue.AppendAsync(Events(1), Day, default);
        Assert.Equal(1, await queue.HighWaterAsync(_tenant, default));

        await dead.AgeAsync(TimeSpan.FromSeconds(6));

        Assert.Equal(4, await queue.HighWaterAsync(_tenant, default));
        Assert.False(await dead.ReleaseAsync());
    }

    [Fact]
    public async Task A_reader_does_not_wait_for_a_slow_writer_and_does_not_give_its_reservation_up()
    {
        var queue = new PostgresEventLog(database.DataSource);
        await queue.AppendAsync(Events(1), Day, default);
        await using var slow = await HeldAppend.ReserveAsync(database.DataSource, _tenant, 2, release: false);
        await slow.AgeAsync(TimeSpan.FromSeconds(6));
        Assert.True(await slow.ReleaseAsync());

        // Released, so its writer holds the row: the mark stays below it, at once, and the write stands.
        Assert.Equal(1, await queue.HighWaterAsync(_tenant, default).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, (await queue.HighWatersAsync(default).WaitAsync(TimeSpan.FromSeconds(30)))[_tenant]);
        await slow.CommitAsync();

        Assert.Equal(3, await queue.HighWaterAsync(_tenant, default));
    }

    [Fact]
    public async Task A_failed_append_gives_its_reservation_up_at_once()
    {
        var queue = new PostgresEventLog(database.DataSource);
        await queue.AppendAsync(Events(1), Day, default);
        var refused = Events(1)[0] with { Payload = JsonDocument.Parse("""{"text":"a\u0000b"}""").RootElement.Clone() };

        await Assert.ThrowsAsync<EventsRejectedException>(() => queue.AppendAsync([refused], Day, default));
        await queue.AppendAsync(Events(1), Day, default);

        Assert.Equal(3, await queue.HighWaterAsync(_tenant, default));
        Assert.Equal([1L, 3], (await queue.ReadAsync(_tenant, 0, 10, default)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_drain_waits_for_an_append_still_committing()
    {
        var queue = new PostgresEventLog(database.DataSource);
        await queue.AppendAsync(Events(1), Day, default);
        await using var held = await HeldAppend.ReserveAsync(database.DataSource, _tenant, 2, release: true);
        await queue.AppendAsync(Events(1), Day, default);

        var settled = queue.SettleAsync(_tenant, default);
        await held.CommitAsync();

        Assert.Equal(4, await settled);
    }

    [Fact]
    public async Task Repeats_leave_the_end_of_their_range_empty_and_the_range_covers_it()
    {
        var queue = new PostgresEventLog(database.DataSource);
        var first = Events(1)[0] with { IdempotencyKey = "k1" };

        var result = await queue.AppendAsync([first, Events(1)[0] with { IdempotencyKey = "k1" }, .. Events(1)], Day, default);
        var next = await queue.AppendAsync(Events(1), Day, default);

        Assert.Equal([1L, 0, 2], result.Sequences);
        Assert.Equal(new LogRange(1, 3), result.Ranges[_tenant]);
        Assert.Equal([4L], next.Sequences);
        Assert.Equal(4, await queue.HighWaterAsync(_tenant, default));
    }

    [Fact]
    public async Task The_per_day_counts_add_up_their_shards()
    {
        var queue = new PostgresEventLog(database.DataSource);
        await queue.AppendAsync(Events(3), Day, default);
        await using (var other = database.DataSource.CreateCommand(
            "INSERT INTO activity_daily_counts (tenant_id, day, type, shard, count) VALUES (@tenant, @day, 'vote', -1, 2)"))
        {
            other.Parameters.AddWithValue("tenant", _tenant);
            other.Parameters.AddWithValue("day", DateOnly.FromDateTime(Nine.UtcDateTime));
            await other.ExecuteNonQueryAsync();
        }

        var summary = await new PostgresAuditLog(database.DataSource).SummaryAsync(_tenant, DateOnly.FromDateTime(Nine.UtcDateTime), DateOnly.FromDateTime(Nine.UtcDateTime), null, default);

        Assert.Equal(5, Assert.Single(summary).Count);
    }

    private List<NewEvent> Events(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new NewEvent(_tenant, Guid.CreateVersion7(), "vote", "actor-1", null, null, Nine, Nine, null, null))];
}
