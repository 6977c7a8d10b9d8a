using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Npgsql;

namespace Activity.Postgres.Ingest;

/// <summary>
/// Sequences are reserved in a short transaction of their own and released by the append that uses them
/// (sql/014), so appends of one tenant from two silos do not wait for each other's writes.
/// </summary>
internal sealed partial class PostgresActivityQueue
{
    // Primary keys (tenant_id) of tenant_sequences and tenants, (tenant_id, first_seq) of log_reservations.
    private const string ReserveSql = "SELECT tenant_id, last, retention_days FROM activity_log_reserve(@tenants, @counts)";

    private const string ReleaseSql = "SELECT activity_log_release(@tenants, @firsts)";

    // An append that failed gives its reservations up at once, so readers need not wait out the stale
    // threshold. When its commit went through after all, its release had deleted them: nothing happens.
    private const string GiveUpSql = """
        DELETE FROM log_reservations r USING unnest(@tenants::text[], @firsts::bigint[]) AS x(tenant_id, first_seq)
        WHERE r.tenant_id = x.tenant_id AND r.first_seq = x.first_seq
        """;

    // Reserves as many sequences per tenant as the events have, outside any transaction of the append.
    private static async Task<Reservation> ReserveAsync(NpgsqlConnection connection, IReadOnlyList<QueuedEvent> events, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>();
        foreach (var e in events)
        {
            counts[e.TenantId] = counts.GetValueOrDefault(e.TenantId) + 1;
        }

        var reservation = new Reservation();
        await using var command = new NpgsqlCommand(ReserveSql, connection);
        command.Parameters.AddWithValue("tenants", counts.Keys.ToArray());
        command.Parameters.AddWithValue("counts", counts.Values.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var tenant = reader.GetString(0);
            var last = reader.GetInt64(1);
            reservation.Ranges[tenant] = new LogRange(last - counts[tenant] + 1, last);
            reservation.RetentionDays[tenant] = reader.GetInt32(2);
        }

        return reservation;
    }

    private static NpgsqlBatchCommand ReleaseCommand(Reservation reservation) => RangesCommand(ReleaseSql, reservation);

    private async Task GiveUpAsync(Reservation reservation)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { RangesCommand(GiveUpSql, reservation) } };
            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The database is out of reach, which is likely why the append failed: the high-water mark
            // gives the reservations up once they are 5 seconds old (activity_log_high_water).
        }
    }

    private static NpgsqlBatchCommand RangesCommand(string sql, Reservation reservation)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("tenants", reservation.Ranges.Keys.ToArray());
        command.Parameters.AddWithValue("firsts", reservation.Ranges.Values.Select(r => r.First).ToArray());
        return command;
    }

    /// <summary>The sequences one append reserved, per tenant, with the tenant's retention for the expiry stamp.</summary>
    private sealed class Reservation
    {
        public Dictionary<string, LogRange> Ranges { get; } = [];

        public Dictionary<string, int> RetentionDays { get; } = [];
    }
}
