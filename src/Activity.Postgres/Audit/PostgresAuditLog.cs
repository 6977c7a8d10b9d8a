using System.Text.Json;
using Activity.Grains.Audit;
using Npgsql;

namespace Activity.Postgres.Audit;

/// <summary>The audit log over <c>activity_queue</c> and <c>activity_daily_counts</c>.</summary>
internal sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    // One statement for every combination of filters: Npgsql's unprepared statements are planned with
    // their values, so an unused filter ("NULL IS NULL OR ...") folds away and each query gets the index
    // of the filter it has (see sql/006_audit_log.sql for which index serves which filter).
    //
    // A time range is a range of sequences: from the first event received at or after `from` to the
    // last received before `to` (receive times grow with the sequence, up to the milliseconds two
    // silos' writes may interleave), so a page of an old day is read from that day's end with the
    // index of any other filter, instead of walking back from today.
    private const string ListSql = """
        SELECT seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at,
               status, environment, request_id, host(ip_address), details, payload::text
        FROM activity_queue
        WHERE tenant_id = @tenant
          AND (@from::timestamptz IS NULL
               OR seq >= (SELECT seq FROM activity_queue WHERE tenant_id = @tenant AND received_at >= @from ORDER BY received_at, seq LIMIT 1))
          AND (@to::timestamptz IS NULL
               OR seq <= (SELECT seq FROM activity_queue WHERE tenant_id = @tenant AND received_at < @to ORDER BY received_at DESC, seq DESC LIMIT 1))
          AND (@before::bigint IS NULL OR seq < @before)
          AND (@type::text IS NULL OR type = @type)
          AND (@actor::text IS NULL OR actor_id = @actor)
          AND (@item::text IS NULL OR item_id = @item)
          AND (@status::text IS NULL OR status = @status)
          AND (@environment::text IS NULL OR environment = @environment)
          AND (@search::text IS NULL OR activity_search_text(type, details, payload) @@ plainto_tsquery('simple', @search))
        ORDER BY seq DESC
        LIMIT @limit
        """;

    // Primary key (tenant_id, day, type). A day whose events were all erased keeps a row at zero.
    private const string SummarySql = """
        SELECT day, type, count FROM activity_daily_counts
        WHERE tenant_id = @tenant AND day BETWEEN @from AND @to AND (@type::text IS NULL OR type = @type) AND count > 0
        ORDER BY day DESC, type
        """;

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        var p = command.Parameters;
        p.AddWithValue("tenant", tenantId);
        p.Add(new NpgsqlParameter<long?>("before", query.Before));
        p.Add(new NpgsqlParameter<string?>("type", query.Type));
        p.Add(new NpgsqlParameter<string?>("actor", query.ActorId));
        p.Add(new NpgsqlParameter<string?>("item", query.ItemId));
        p.Add(new NpgsqlParameter<string?>("status", query.Status));
        p.Add(new NpgsqlParameter<string?>("environment", query.Environment));
        p.Add(new NpgsqlParameter<DateTimeOffset?>("from", query.From));
        p.Add(new NpgsqlParameter<DateTimeOffset?>("to", query.To));
        p.Add(new NpgsqlParameter<string?>("search", query.Search));
        p.AddWithValue("limit", query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                reader.GetGuid(1),
                reader.GetInt64(0),
                reader.GetString(2),
                reader.GetString(3),
                Text(reader, 4),
                Text(reader, 5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                Text(reader, 8),
                Text(reader, 9),
                Text(reader, 10),
                Text(reader, 11),
                Text(reader, 12),
                Text(reader, 13) is { } payload ? JsonDocument.Parse(payload).RootElement.Clone() : null));
        }

        return entries;
    }

    public async Task<IReadOnlyList<AuditDayCount>> SummaryAsync(string tenantId, DateOnly from, DateOnly to, string? type, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SummarySql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.Add(new NpgsqlParameter<string?>("type", type));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<AuditDayCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new AuditDayCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
