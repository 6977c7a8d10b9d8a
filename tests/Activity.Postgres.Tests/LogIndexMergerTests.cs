using Activity.Grains.Ingest;
using Activity.Postgres.Ingest;

namespace Activity.Postgres.Tests;

public sealed class LogIndexMergerTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_merge_skips_its_turn_while_another_runs_and_then_empties_the_pending_lists()
    {
        var queue = new PostgresEventLog(database.DataSource);
        var events = Enumerable.Range(0, 500)
            .Select(i => new NewEvent("ten_merge", Guid.CreateVersion7(), $"type-{i % 7}", $"user-{i}", $"item-{i}", $"owner-{i % 50}", Nine, Nine, null, null))
            .ToList();
        await queue.AppendAsync(events, TimeSpan.FromHours(24), default);

        // Another silo's merge holds the turn.
        await using (var other = await database.DataSource.OpenConnectionAsync())
        await using (var transaction = await other.BeginTransactionAsync())
        {
            await using var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('event_log_terms merge'))", other, transaction);
            await take.ExecuteNonQueryAsync();

            Assert.Null(await LogIndexMerger.MergeAsync(database.DataSource, TimeSpan.Zero, default));
        }

        Assert.True(await LogIndexMerger.MergeAsync(database.DataSource, TimeSpan.Zero, default) > 0);
        Assert.Equal(0, await LogIndexMerger.MergeAsync(database.DataSource, TimeSpan.Zero, default));
    }

    [Fact]
    public async Task A_merge_skips_its_turn_when_another_silos_merge_began_within_the_interval()
    {
        var queue = new PostgresEventLog(database.DataSource);
        Assert.NotNull(await LogIndexMerger.MergeAsync(database.DataSource, TimeSpan.Zero, default));
        var events = Enumerable.Range(0, 200)
            .Select(i => new NewEvent("ten_merge_interval", Guid.CreateVersion7(), "vote", $"user-{i}", $"item-{i}", null, Nine, Nine, null, null))
            .ToList();
        await queue.AppendAsync(events, TimeSpan.FromHours(24), default);

        // The merge a moment ago was another silo's tick: within the hour, nothing is merged.
        Assert.Null(await LogIndexMerger.MergeAsync(database.DataSource, TimeSpan.FromHours(1), default));

        // What it left is still pending: a merge that is due finds it.
        Assert.True(await LogIndexMerger.MergeAsync(database.DataSource, TimeSpan.Zero, default) > 0);
    }
}
