using Activity.Grains.Ingest;
using Npgsql;
using NpgsqlTypes;

namespace Activity.Postgres.Ingest;

/// <summary>Large appends: reserve each tenant's sequences, then stream the rows with binary COPY.</summary>
internal sealed partial class PostgresActivityQueue
{
    // The same row locks as AppendSql, in the same order, held to commit: a reader never sees a later
    // sequence of a tenant before an earlier one. Primary key (tenant_id).
    private const string ReserveSql = """
        INSERT INTO tenant_sequences AS s (tenant_id, last)
        SELECT * FROM unnest(@tenant::text[], @count::bigint[]) ORDER BY 1
        ON CONFLICT (tenant_id) DO UPDATE SET last = s.last + EXCLUDED.last
        RETURNING tenant_id, last
        """;

    private const string CopySql = """
        COPY activity_queue (tenant_id, seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload, idempotency_key)
        FROM STDIN (FORMAT BINARY)
        """;

    // Runs inside the caller's transaction; returns each tenant's new last sequence.
    private static async Task<Dictionary<string, long>> CopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<QueuedEvent> events, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>();
        foreach (var e in events)
        {
            counts[e.TenantId] = counts.GetValueOrDefault(e.TenantId) + 1;
        }

        var last = new Dictionary<string, long>();
        await using (var reserve = new NpgsqlCommand(ReserveSql, connection, transaction))
        {
            reserve.Parameters.AddWithValue("tenant", counts.Keys.ToArray());
            reserve.Parameters.AddWithValue("count", counts.Values.ToArray());
            await using var reader = await reserve.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                last[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        // Each tenant's events are numbered from its old last, in the order they came.
        var next = counts.ToDictionary(c => c.Key, c => last[c.Key] - c.Value + 1);
        await using var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
        foreach (var e in events)
        {
            // Synchronous writes: they wait only when Npgsql's buffer is full and the socket's send buffer
            // too, that is when PostgreSQL stops reading, and then the commit waits whatever form the
            // writes take. The async form cost about 1 us of CPU per event (a state machine per column).
            writer.StartRow();
            writer.Write(e.TenantId, NpgsqlDbType.Text);
            writer.Write(next[e.TenantId]++, NpgsqlDbType.Bigint);
            writer.Write(e.Id, NpgsqlDbType.Uuid);
            writer.Write(e.Type, NpgsqlDbType.Text);
            writer.Write(e.ActorId, NpgsqlDbType.Text);
            WriteNullable(writer, e.ItemId, NpgsqlDbType.Text);
            WriteNullable(writer, e.ItemOwnerId, NpgsqlDbType.Text);
            writer.Write(e.OccurredAt, NpgsqlDbType.TimestampTz);
            writer.Write(e.ReceivedAt, NpgsqlDbType.TimestampTz);
            WriteNullable(writer, e.Payload?.GetRawText(), NpgsqlDbType.Jsonb);
            WriteNullable(writer, e.IdempotencyKey, NpgsqlDbType.Text);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return last;
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
