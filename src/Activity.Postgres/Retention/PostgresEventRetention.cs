using System.Globalization;
using System.Text.RegularExpressions;
using Activity.Grains.Retention;
using Npgsql;

namespace Activity.Postgres.Retention;

/// <summary>
/// Retention over <c>event_log</c>, partitioned by expiry week (sql/008): a week whose last day
/// has passed is detached without blocking appends or reads (DETACH ... CONCURRENTLY) and dropped.
/// An event therefore goes in the first run after its expiry week ends: it is kept its tenant's
/// retention plus up to six days. A tenant whose retention changed gets its stored events re-stamped
/// once, row by row (the one time this job touches rows).
/// </summary>
internal sealed partial class PostgresEventRetention(NpgsqlDataSource dataSource) : IEventRetention
{
    /// <summary>How long after a retention change appends that read the old value may still commit.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);

    // The tenants table is small and read whole.
    private const string DueSql = """
        SELECT id, retention_days FROM tenants
        WHERE retention_stamped <> retention_days AND retention_changed_at <= @settled
        """;

    // The tenant's events still kept under the new retention, by week: those from the first received at
    // or after the cut (activity_seq_at, sql/011), by primary key.
    private const string RestampWeeksSql = """
        SELECT event_log_partition(week) FROM (
            SELECT DISTINCT date_trunc('week', activity_expires_on(received_at, @days))::date AS week
            FROM event_log WHERE tenant_id = @tenant AND seq >= activity_seq_at(@tenant, @cut) AND received_at >= @cut
        ) weeks
        """;

    // The re-stamp goes through the tenant's log a range of sequences at a time (each partition's
    // primary key), each range its own transaction: a tenant of millions of events is never one long
    // transaction holding its rows, and a run cut short is finished by the next (both statements only
    // touch rows not done yet). Moving a row to its new week is PostgreSQL's row movement.
    private const long RestampChunk = 50_000;

    private const string LastSql = "SELECT coalesce((SELECT last FROM tenant_sequences WHERE tenant_id = @tenant), 0)";

    private const string RemoveBeforeSql = """
        DELETE FROM event_log
        WHERE tenant_id = @tenant AND seq > @after AND seq <= @upto AND received_at < @cut
        """;

    private const string RestampSql = """
        UPDATE event_log SET expires_on = activity_expires_on(received_at, @days)
        WHERE tenant_id = @tenant AND seq > @after AND seq <= @upto AND expires_on <> activity_expires_on(received_at, @days)
        """;

    private const string StampedSql = "UPDATE tenants SET retention_stamped = @days WHERE id = @tenant AND retention_days = @days";

    // Re-stamped events sit in other weeks, and some were removed: the tenant's analytics start over
    // (sql/012), and its projection applies the log again.
    private const string ResetAnalyticsSql = "SELECT analytics_reset(@tenant)";

    // A dropped week's events off the analytics (sql/012); the table is the detached partition.
    private const string ForgetWeekSql = "SELECT analytics_forget_week(@table::regclass, @week)";

    // This week and next of every retention in use, so appends rarely meet a missing partition.
    private const string UpcomingSql = """
        SELECT event_log_partition(date_trunc('week', @today::date + r.days + w.ahead)::date)
        FROM (SELECT retention_days FROM tenants UNION SELECT 90) AS r(days), (VALUES (0), (7)) AS w(ahead)
        """;

    // Every expiry-week table, attached or left detached by a run that stopped half way.
    private const string PartitionsSql = """
        SELECT c.relname, i.inhrelid IS NOT NULL, coalesce(i.inhdetachpending, false)
        FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
        WHERE c.relkind = 'r' AND c.relname ~ '^event_log_e[0-9]{8}$'
          AND c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'event_log'::regclass)
        """;

    public async Task<RetentionResult> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (restamped, removed) = await RestampAsync(now, today, cancellationToken).ConfigureAwait(false);
        await using (var upcoming = dataSource.CreateCommand(UpcomingSql))
        {
            upcoming.Parameters.AddWithValue("today", today);
            await upcoming.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var dropped = 0;
        foreach (var partition in await PartitionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (partition.Week.AddDays(7) <= today)
            {
                removed += await DropAsync(partition, cancellationToken).ConfigureAwait(false);
                dropped++;
            }
        }

        return new RetentionResult(removed, dropped, restamped);
    }

    private async Task<(int Tenants, long Removed)> RestampAsync(DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var due = new List<(string Tenant, int Days)>();
        await using (var command = dataSource.CreateCommand(DueSql))
        {
            command.Parameters.AddWithValue("settled", now - Settle);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                due.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        long removed = 0;
        foreach (var (tenant, days) in due)
        {
            // Received before this instant, an event expired under the new retention (as in memory).
            var cut = new DateTimeOffset(today.AddDays(-days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            await ExecuteAsync(RestampWeeksSql, tenant, days, cut, 0, 0, cancellationToken).ConfigureAwait(false);
            long last;
            await using (var command = dataSource.CreateCommand(LastSql))
            {
                command.Parameters.AddWithValue("tenant", tenant);
                last = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            for (long after = 0; after < last; after += RestampChunk)
            {
                removed += await ExecuteAsync(RemoveBeforeSql, tenant, days, cut, after, after + RestampChunk, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(RestampSql, tenant, days, cut, after, after + RestampChunk, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(ResetAnalyticsSql, tenant, days, cut, 0, 0, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(StampedSql, tenant, days, cut, 0, 0, cancellationToken).ConfigureAwait(false);
        }

        return (due.Count, removed);
    }

    // Each statement names the parameters it needs; unused ones are harmless.
    private async Task<int> ExecuteAsync(string sql, string tenant, int days, DateTimeOffset cut, long after, long upto, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("days", days);
        command.Parameters.AddWithValue("cut", cut);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("upto", upto);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<Partition>> PartitionsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PartitionsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var partitions = new List<Partition>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            var week = DateOnly.ParseExact(WeekOf().Match(name).Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture);
            partitions.Add(new Partition(name, week, reader.GetBoolean(1), reader.GetBoolean(2)));
        }

        return partitions;
    }

    // The name is a catalog row matching event_log_eYYYYMMDD, never input; DDL cannot take parameters.
    private async Task<long> DropAsync(Partition partition, CancellationToken cancellationToken)
    {
        var table = $"\"{partition.Name}\"";
        long rows;
        await using (var count = dataSource.CreateCommand($"SELECT count(*) FROM {table}"))
        {
            rows = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (partition.Attached)
        {
            // CONCURRENTLY waits for queries already using the partition instead of locking appends out;
            // a run stopped half way leaves it pending, and FINALIZE completes it.
            var detach = partition.DetachPending ? "FINALIZE" : "CONCURRENTLY";
            await using var command = dataSource.CreateCommand($"ALTER TABLE event_log DETACH PARTITION {table} {detach}");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The week's events come off the analytics projection in the transaction that drops them.
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using (var forget = new NpgsqlCommand(ForgetWeekSql, connection, transaction))
            {
                forget.Parameters.AddWithValue("table", partition.Name);
                forget.Parameters.AddWithValue("week", partition.Week);
                await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var drop = new NpgsqlCommand($"DROP TABLE {table}", connection, transaction))
            {
                await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }

    [GeneratedRegex("^event_log_e([0-9]{8})$")]
    private static partial Regex WeekOf();

    private sealed record Partition(string Name, DateOnly Week, bool Attached, bool DetachPending);
}
