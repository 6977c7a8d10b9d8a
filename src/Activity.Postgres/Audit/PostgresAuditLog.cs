using System.Text;
using System.Text.Json;
using Activity.Grains.Audit;
using Npgsql;

namespace Activity.Postgres.Audit;

/// <summary>The audit log over <c>activity_queue</c> and <c>activity_daily_counts</c>.</summary>
/// <param name="dataSource">The database.</param>
/// <param name="recentWindow">How many of the newest events in range a filtered query scans before it turns to the terms index.</param>
internal sealed class PostgresAuditLog(NpgsqlDataSource dataSource, int recentWindow = PostgresAuditLog.DefaultRecentWindow) : IAuditLog
{
    /// <summary>
    /// A filtered query scans this many of the newest events in its range by primary key first: a
    /// filter that matches one event in a hundred fills a page of 50 there, without the index, and a
    /// rarer one costs a few milliseconds before the index answers the rest.
    /// </summary>
    public const int DefaultRecentWindow = 5000;

    private const string Columns = """
        q.seq, q.id, q.type, q.actor_id, q.item_id, q.item_owner_id, q.occurred_at, q.received_at,
        q.status, q.environment, q.request_id, host(q.ip_address), q.details, q.payload::text
        """;

    // The terms of an event, as the index activity_queue_terms holds them (sql/011).
    private const string Terms = "activity_index_terms(q.type, q.actor_id, q.item_owner_id, q.item_id, q.status, q.environment, q.details, q.payload)";

    // One statement per combination of filters, holding only the filters given, so PostgreSQL can keep
    // a generic plan for each (planning anew over every partition costs more than running most queries).
    //
    // The range: from the first event received at or after `from` to the last received before `to`
    // (activity_seq_at, sql/011: receive times grow with the sequence, up to the milliseconds two silos'
    // appends may interleave), below the cursor, up to the log's end. Without filters the newest events of
    // the range are read by primary key, and that is all. With filters, the first statement reads the
    // newest `recentWindow` events of the range by primary key and keeps those that match (no index is
    // on these columns, so the plan cannot be another); when that does not fill the page, the second asks
    // the terms index for the rest of the range. The first statement also answers the range's bounds
    // (a row of nulls when nothing matched), which the second reuses.
    private static string RecentSql(AuditQuery q)
    {
        var sql = new StringBuilder("WITH bounds AS (SELECT ")
            .Append("least(")
            .Append(q.Before is null ? "" : "@before, ")
            .Append(q.To is null ? "" : "activity_seq_at(@tenant, @to), ")
            .Append("(SELECT last + 1 FROM tenant_sequences WHERE tenant_id = @tenant)) AS upper, ")
            .Append(q.From is null ? "0::bigint" : "activity_seq_at(@tenant, @from)")
            .Append(" AS lower), hits AS (SELECT ").Append(Columns)
            .Append(" FROM activity_queue q, bounds b WHERE q.tenant_id = @tenant AND q.seq < b.upper AND q.seq >= b.lower");
        if (Filtered(q))
        {
            sql.Append(" AND q.seq >= b.upper - @window");
            Conditions(sql, q);
            if (q.Search is not null)
            {
                sql.Append(" AND activity_search_text(q.type, q.details, q.payload) @@ plainto_tsquery('simple', @search)");
            }
        }

        return sql.Append(" ORDER BY q.seq DESC LIMIT @limit) SELECT b.upper, b.lower, h.* FROM bounds b LEFT JOIN hits h ON true ORDER BY h.seq DESC").ToString();
    }

    // The rest of the range, below the window, by the terms index (activity_queue_terms). A search whose
    // text holds no word matches nothing, as plainto_tsquery's empty query does.
    private static string OlderSql(AuditQuery q)
    {
        var sql = new StringBuilder("SELECT ").Append(Columns)
            .Append(" FROM activity_queue q WHERE q.tenant_id = @tenant AND q.seq < @upper AND q.seq >= @lower AND ")
            .Append(Terms).Append(" @> (@terms::text[]");
        if (q.Search is not null)
        {
            sql.Append(" || tsvector_to_array(to_tsvector('simple', @search))) AND length(to_tsvector('simple', @search)) > 0");
        }
        else
        {
            sql.Append(')');
        }

        Conditions(sql, q);
        return sql.Append(" ORDER BY q.seq DESC LIMIT @limit").ToString();
    }

    private static void Conditions(StringBuilder sql, AuditQuery q)
    {
        Condition(sql, q.Type, " AND q.type = @type");
        Condition(sql, q.ActorId, " AND q.actor_id = @actor");
        Condition(sql, q.ItemId, " AND q.item_id = @item");
        Condition(sql, q.Status, " AND q.status = @status");
        Condition(sql, q.Environment, " AND q.environment = @environment");

        static void Condition(StringBuilder sql, string? value, string condition)
        {
            if (value is not null)
            {
                sql.Append(condition);
            }
        }
    }

    private static bool Filtered(AuditQuery q) => q.Type is not null || q.ActorId is not null || q.ItemId is not null || q.Status is not null || q.Environment is not null || q.Search is not null;

    // The exact filters as terms of the index (sql/011: a letter, a space, the value).
    private static string[] TermsOf(AuditQuery q) =>
    [
        .. q.Type is null ? [] : new[] { "t " + q.Type },
        .. q.ActorId is null ? [] : new[] { "a " + q.ActorId },
        .. q.ItemId is null ? [] : new[] { "i " + q.ItemId },
        .. q.Status is null ? [] : new[] { "s " + q.Status },
        .. q.Environment is null ? [] : new[] { "e " + q.Environment },
    ];

    // Primary key (tenant_id, day, type). A day whose events were all erased keeps a row at zero.
    private const string SummarySql = """
        SELECT day, type, count FROM activity_daily_counts
        WHERE tenant_id = @tenant AND day BETWEEN @from AND @to AND (@type::text IS NULL OR type = @type) AND count > 0
        ORDER BY day DESC, type
        """;

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        long? upper = null, lower = null;
        await using (var recent = dataSource.CreateCommand(RecentSql(query)))
        {
            Add(recent.Parameters, tenantId, query, query.Limit);
            Add(recent.Parameters, "before", query.Before);
            Add(recent.Parameters, "from", query.From);
            Add(recent.Parameters, "to", query.To);
            if (Filtered(query))
            {
                recent.Parameters.AddWithValue("window", (long)recentWindow);
            }

            await using var reader = await recent.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                upper = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                lower = reader.GetInt64(1);
                if (!reader.IsDBNull(2))
                {
                    entries.Add(Entry(reader, offset: 2));
                }
            }
        }

        // The page is full, the query has no filter (the range was read whole), or the window held the range.
        if (entries.Count == query.Limit || !Filtered(query) || upper is null || upper - recentWindow <= lower)
        {
            return entries;
        }

        await using var older = dataSource.CreateCommand(OlderSql(query));
        Add(older.Parameters, tenantId, query, query.Limit - entries.Count);
        older.Parameters.AddWithValue("upper", upper.Value - recentWindow);
        older.Parameters.AddWithValue("lower", lower!.Value);
        older.Parameters.AddWithValue("terms", TermsOf(query));
        await using (var reader = await older.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(Entry(reader, offset: 0));
            }
        }

        return entries;
    }

    // The parameters every statement names: the tenant, the page size and the filters given.
    private static void Add(NpgsqlParameterCollection parameters, string tenantId, AuditQuery query, int limit)
    {
        parameters.AddWithValue("tenant", tenantId);
        parameters.AddWithValue("limit", limit);
        Add(parameters, "type", query.Type);
        Add(parameters, "actor", query.ActorId);
        Add(parameters, "item", query.ItemId);
        Add(parameters, "status", query.Status);
        Add(parameters, "environment", query.Environment);
        Add(parameters, "search", query.Search);
    }

    private static void Add<T>(NpgsqlParameterCollection parameters, string name, T? value)
    {
        if (value is not null)
        {
            parameters.Add(new NpgsqlParameter<T>(name, value));
        }
    }

    private static AuditEntry Entry(NpgsqlDataReader reader, int offset) => new(
        reader.GetGuid(offset + 1),
        reader.GetInt64(offset),
        reader.GetString(offset + 2),
        reader.GetString(offset + 3),
        Text(reader, offset + 4),
        Text(reader, offset + 5),
        reader.GetFieldValue<DateTimeOffset>(offset + 6),
        reader.GetFieldValue<DateTimeOffset>(offset + 7),
        Text(reader, offset + 8),
        Text(reader, offset + 9),
        Text(reader, offset + 10),
        Text(reader, offset + 11),
        Text(reader, offset + 12),
        Text(reader, offset + 13) is { } payload ? JsonDocument.Parse(payload).RootElement.Clone() : null);

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
