using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Npgsql;

namespace Activity.Postgres.Ingest;

/// <summary>
/// Sequences are reserved in a short transaction of their own and released by the append that uses them
/// (sql/014), so appends of one tenant from two silos do not wait for each other's writes.
/// </summary>
internal sealed partial class PostgresEventLog
{
    // Bumps each tenant's sequence (its row locked only until this statement's own commit, taken in
    // tenant order so two writers cannot deadlock), records the range as an open reservation, and returns
    // the new last sequence and the tenant's retention for the expiry stamp. Its commit does not wait for
    // the disk: a crash can lose it only together with every append that used it, whose commits come
    // later in the write-ahead log; with synchronous commit, the row would stay locked through a flush.
    // Sent as it is: wrapped in a SQL function it cost 50-100 us more per append (pgbench, prepared;
    // PL/pgSQL's RETURN QUERY, a SQL function's planning at every call).
    // Primary keys (tenant_id) of tenant_sequences and tenants, (tenant_id, first_seq) of log_reservations.
    internal const string ReserveSql = """
        WITH bumped AS (
            INSERT INTO tenant_sequences AS s (tenant_id, last)
            SELECT * FROM unnest(@tenants::text[], @counts::bigint[]) ORDER BY 1
            ON CONFLICT (tenant_id) DO UPDATE SET last = s.last + EXCLUDED.last
            RETURNING s.tenant_id, s.last
        ),
        reserved AS (
            INSERT INTO log_reservations (tenant_id, first_seq)
            SELECT b.tenant_id, b.last - c.n + 1 FROM bumped b JOIN unnest(@tenants::text[], @counts::bigint[]) AS c(tenant_id, n) ON c.tenant_id = b.tenant_id
        ),
        asynchronous AS (
            SELECT set_config('synchronous_commit', 'off', true)
        )
        SELECT b.tenant_id, b.last, coalesce(t.retention_days, 90) FROM asynchronous, bumped b LEFT JOIN tenants t ON t.id = b.tenant_id
        """;

    // The release, inside the append's transaction and before its writes: the rows stay locked until it
    // commits, so giving one up waits for the outcome. Affects fewer rows than the append has tenants
    // when one was given up (it was open too long): the append must not commit. The same statement on its
    // own gives the reservations of a failed append up.
    internal const string ReleaseSql = """
        DELETE FROM log_reservations r USING unnest(@tenants::text[], @firsts::bigint[]) AS x(tenant_id, first_seq)
        WHERE r.tenant_id = x.tenant_id AND r.first_seq = x.first_seq
        """;

    // Reserves as many sequences per tenant as the events have, outside any transaction of the append.
    private static async Task<Reservation> ReserveAsync(NpgsqlConnection connection, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
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

    private static ReservationGivenUpException GivenUp() =>
        new("A reservation of this append was given up before it could commit (the append took longer than 5 seconds); nothing was stored. Retry the request.");

    // An append that failed gives its reservations up at once, so readers need not wait out the 5 seconds.
    // When its commit went through after all (the answer was lost), its release had deleted them already.
    private async Task GiveUpAsync(Reservation reservation)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { ReleaseCommand(reservation) } };
            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The database is out of reach, which is likely why the append failed: the high-water mark
            // gives the reservations up once they are 5 seconds old (activity_log_high_water).
        }
    }

    private static NpgsqlBatchCommand ReleaseCommand(Reservation reservation)
    {
        var command = new NpgsqlBatchCommand(ReleaseSql);
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

    /// <summary>An append's reservation was given up by a reader before the append could commit: nothing was stored.</summary>
    private sealed class ReservationGivenUpException(string message) : Exception(message);
}
