using System.Text;
using System.Text.Json;
using Activity.Grains.Audit;
using Npgsql;

namespace Activity.Postgres.Audit;

/// <summary>The audit log over <c>activity_queue</c> and <c>activity_daily_counts</c>.</summary>
internal sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    // One statement per combination of filters, holding only the filters given, so each query gets the
    // index of the filter it has (see sql/006_audit_log.sql for which index serves which filter), and
    // so PostgreSQL can keep a generic plan for it: on the partitioned log (sql/008) planning every
    // query anew costs more than running most of them.
    //
    // A time range is a range of sequences: from the first event received at or after `from` to the
    // last received before `to` (receive times grow with the sequence, up to the milliseconds two
    // silos' writes may interleave), so a page of an old day is read from that day's end with the
    // index of any other filter, instead of walking back from today.
    private const string ListSelect = """
        SELECT seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at,
               status, environment, request_id, host(ip_address), details, payload::text
        FROM activity_queue
        WHERE tenant_id = @tenant
        """;

    private static string ListSql(AuditQuery q)
    {
        var sql = new StringBuilder(ListSelect);
        Filter(sql, q.From, " AND seq >= (SELECT seq FROM activity_queue WHERE tenant_id = @tenant AND received_at >= @from ORDER BY received_at, seq LIMIT 1)");
        Filter(sql, q.To, " AND seq <= (SELECT seq FROM activity_queue WHERE tenant_id = @tenant AND received_at < @to ORDER BY received_at DESC, seq DESC LIMIT 1)");
        Filter(sql, q.Before, " AND seq < @before");
        Filter(sql, q.Type, " AND type = @type");
        Filter(sql, q.ActorId, " AND actor_id = @actor");
        Filter(sql, q.ItemId, " AND item_id = @item");
        Filter(sql, q.Status, " AND status = @status");
        Filter(sql, q.Environment, " AND environment = @environment");
        Filter(sql, q.Search, " AND activity_search_text(type, details, payload) @@ plainto_tsquery('simple', @search)");
        return sql.Append(" ORDER BY seq DESC LIMIT @limit").ToString();

        static void Filter(StringBuilder sql, object? value, string condition)
        {
            if (value is not null)
            {
                sql.Append(condition);
            }
        }
    }

    // Primary key (tenant_id, day, type). A day whose events were all erased keeps a row at zero.
    private const string SummarySql = """
        SELECT day, type, count FROM activity_daily_counts
        WHERE tenant_id = @tenant AND day BETWEEN @from AND @to AND (@type::text IS NULL OR type = @type) AND count > 0
        ORDER BY day DESC, type
        """;

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql(query));
        var p = command.Parameters;
        p.AddWithValue("tenant", tenantId);
        p.AddWithValue("limit", query.Limit);
        Add(p, "before", query.Before);
        Add(p, "type", query.Type);
        Add(p, "actor", query.ActorId);
        Add(p, "item", query.ItemId);
        Add(p, "status", query.Status);
        Add(p, "environment", query.Environment);
        Add(p, "from", query.From);
        Add(p, "to", query.To);
        Add(p, "search", query.Search);
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

    // The parameters of the filters given; ListSql names exactly those.
    private static void Add<T>(NpgsqlParameterCollection parameters, string name, T? value)
    {
        if (value is not null)
        {
            parameters.Add(new NpgsqlParameter<T>(name, value));
        }
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
