using Activity.Grains.Ingest;
using Npgsql;
using NpgsqlTypes;

namespace Activity.Postgres.Ingest;

/// <summary>Large appends: stream the rows with binary COPY, after the per-day counts.</summary>
internal sealed partial class PostgresEventLog
{
    // This backend's shard of each row (sql/014), so another append of the same day and type does not
    // wait for this one to commit. Primary key (tenant_id, day, type, shard).
    private const string DailyCountsSql = """
        INSERT INTO activity_daily_counts AS d (tenant_id, day, type, shard, count)
        SELECT x.tenant_id, x.day, x.type, activity_count_shard(), x.n
        FROM unnest(@dayTenant::text[], @day::date[], @type::text[], @dayCount::bigint[]) AS x(tenant_id, day, type, n)
        ON CONFLICT (tenant_id, day, type, shard) DO UPDATE SET count = d.count + EXCLUDED.count
        """;

    private const string CopySql = """
        COPY event_log (tenant_id, seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload,
                             idempotency_key, status, environment, request_id, ip_address, details, expires_on)
        FROM STDIN (FORMAT BINARY)
        """;

    // Runs inside the caller's transaction, after the release of the reservation.
    private static async Task CopyAsync(NpgsqlConnection connection, List<NewEvent> events, long[] sequences, Reservation reservation, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
        Write(writer, events, sequences, reservation.RetentionDays);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Write(NpgsqlBinaryImporter writer, List<NewEvent> events, long[] sequences, Dictionary<string, int> retention)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            // Synchronous writes: they wait only when Npgsql's buffer is full and the socket's send buffer
            // too, that is when PostgreSQL stops reading, and then the commit waits whatever form the
            // writes take. The async form cost about 1 us of CPU per event (a state machine per column).
            writer.StartRow();
            writer.Write(e.TenantId, NpgsqlDbType.Text);
            writer.Write(sequences[i], NpgsqlDbType.Bigint);
            writer.Write(e.Id, NpgsqlDbType.Uuid);
            writer.Write(e.Type, NpgsqlDbType.Text);
            writer.Write(e.ActorId, NpgsqlDbType.Text);
            WriteNullable(writer, e.ItemId, NpgsqlDbType.Text);
            WriteNullable(writer, e.ItemOwnerId, NpgsqlDbType.Text);
            writer.Write(e.OccurredAt, NpgsqlDbType.TimestampTz);
            writer.Write(e.ReceivedAt, NpgsqlDbType.TimestampTz);
            WriteNullable(writer, e.Payload?.GetRawText(), NpgsqlDbType.Jsonb);
            WriteNullable(writer, e.IdempotencyKey, NpgsqlDbType.Text);
            WriteNullable(writer, e.Audit?.Status, NpgsqlDbType.Text);
            WriteNullable(writer, e.Audit?.Environment, NpgsqlDbType.Text);
            WriteNullable(writer, e.Audit?.RequestId, NpgsqlDbType.Text);
            if (e.Audit?.IpAddress is { } ip)
            {
                writer.Write(System.Net.IPAddress.Parse(ip), NpgsqlDbType.Inet);
            }
            else
            {
                writer.WriteNull();
            }

            WriteNullable(writer, e.Audit?.Details, NpgsqlDbType.Text);
            writer.Write(ExpiresOn(e.ReceivedAt, retention[e.TenantId]), NpgsqlDbType.Date);
        }
    }

    /// <summary>What <c>activity_expires_on</c> (sql/008) computes: the UTC day of receipt plus the retention.</summary>
    private static DateOnly ExpiresOn(DateTimeOffset receivedAt, int retentionDays) =>
        DateOnly.FromDateTime(receivedAt.UtcDateTime).AddDays(retentionDays);

    // The events by tenant, UTC day of occurrence and type, as the per-day counts keep them.
    private static NpgsqlBatchCommand DailyCountsCommand(List<NewEvent> events)
    {
        var command = new NpgsqlBatchCommand(DailyCountsSql);
        var counts = events
            .GroupBy(e => (e.TenantId, Day: DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Type))
            .Select(g => (g.Key, Count: (long)g.Count()))
            .ToList();
        command.Parameters.AddWithValue("dayTenant", counts.Select(c => c.Key.TenantId).ToArray());
        command.Parameters.AddWithValue("day", counts.Select(c => c.Key.Day).ToArray());
        command.Parameters.AddWithValue("type", counts.Select(c => c.Key.Type).ToArray());
        command.Parameters.AddWithValue("dayCount", counts.Select(c => c.Count).ToArray());
        return command;
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, type);
        }
    }
}
