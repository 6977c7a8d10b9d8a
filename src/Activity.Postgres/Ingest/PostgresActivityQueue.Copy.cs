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
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(e.TenantId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(next[e.TenantId]++, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(e.Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(e.ActorId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(writer, e.ItemId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(writer, e.ItemOwnerId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(e.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(writer, e.Payload?.GetRawText(), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(writer, e.IdempotencyKey, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return last;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);
}
