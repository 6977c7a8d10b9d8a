using System.Text;
using System.Text.Json;
using Activity.Grains.Audit;
using Npgsql;

namespace Activity.Postgres.Audit;

/// <summary>The audit log over <c>event_log</c> and <c>activity_daily_counts</c>.</summary>
/// <param name="dataSource">The database.</param>
/// <param name="recentWindow">How many of the newest events in range a query scans first, before it turns to the rest (with filters, by the terms index).</param>
internal sealed class PostgresAuditLog(NpgsqlDataSource dataSource, int recentWindow = PostgresAuditLog.DefaultRecentWindow) : IAuditLog
{
    /// <summary>
    /// A query scans this many of the newest events in its range by primary key first: a filter that
    /// matches one event in a hundred fills a page of 50 there, without the index, and a rarer one costs a
    /// few milliseconds before the index answers the rest; without filters the page is nearly always there.
    /// </summary>
    public const int DefaultRecentWindow = 5000;

    private const string Columns = """
        q.seq, q.id, q.type, q.actor_id, q.item_id, q.item_owner_id, q.occurred_at, q.received_at,
        q.status, q.environment, q.request_id, host(q.ip_address), q.details, q.payload::text
        """;

    // One statement per combination of filters, holding only the filters given, so PostgreSQL can keep
    // a generic plan for each (planning anew over every partition costs more than running most queries).
    //
    // First the range, as sequences: from the first event received at or after `from` to the last
    // received before `to` (activity_seq_at, sql/011: receive times grow with the sequence, up to the
    // milliseconds two silos' appends may interleave), below the cursor, up to the log's end. Then the
    // newest `recentWindow` events of the range are read by primary key (with filters, those that match
    // kept: no index is on these columns, so the plan cannot be another); when that does not fill the
    // page, the rest of the range: by primary key without filters, by the terms index with them
    // (event_log_terms, sql/011). The range's bounds are parameters of the reads, so each is an
    // index range the plan knows.
    private static string BoundsSql(AuditQuery q) => new StringBuilder("SELECT least(")
        .Append(q.Before is null ? "" : "@before, ")
        .Append(q.To is null ? "" : "activity_seq_at(@tenant, @to), ")
        .Append("(SELECT last + 1 FROM tenant_sequences WHERE tenant_id = @tenant)), ")
        .Append(q.From is null ? "0::bigint" : "activity_seq_at(@tenant, @from)")
        .ToString();

    private static string RecentSql(AuditQuery q)
    {
        var sql = new StringBuilder("SELECT ").Append(Columns)
            .Append(" FROM event_log q WHERE q.tenant_id = @tenant AND q.seq < @upper AND q.seq >= @lower");
        Conditions(sql, q);
        if (q.Search is not null)
        {
            sql.Append(" AND activity_search_text(q.type, q.details, q.payload) @@ plainto_tsquery('simple', @search)");
        }

        return sql.Append(" ORDER BY q.seq DESC LIMIT @limit").ToString();
    }

    // The rest of the range, below the window. Status and environment alone: their partial indexes
    // (tenant_id, status, seq), (tenant_id, environment, seq), (tenant_id, environment, status, seq),
    // sql/008, newest first. Anything else: the terms index a week at a time (activity_find_newest,
    // sql/011); the terms say exactly what the filters do, the search words as plainto_tsquery finds them.
    // A search whose text holds no word matches nothing, as plainto_tsquery's empty query does.
    private static string OlderSql(AuditQuery q)
    {
        if (q.Type is null && q.ActorId is null && q.ItemId is null && q.Search is null)
        {
            var ordered = new StringBuilder("SELECT ").Append(Columns)
                .Append(" FROM event_log q WHERE q.tenant_id = @tenant AND q.seq < @upper AND q.seq >= @lower");
            Conditions(ordered, q);
            return ordered.Append(" ORDER BY q.seq DESC LIMIT @limit").ToString();
        }

        var terms = q.Search is null ? "@terms::text[]" : "@terms::text[] || tsvector_to_array(to_tsvector('simple', @search))";
        var sql = new StringBuilder("SELECT ").Append(Columns)
            .Append(" FROM activity_find_newest(@tenant, ").Append(terms).Append(", @upper, @lower, @limit) q");
        if (q.Search is not null)
        {
            sql.Append(" WHERE length(to_tsvector('simple', @search)) > 0");
        }

        return sql.Append(" ORDER BY q.seq DESC").ToString();
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

    // Primary key (tenant_id, day, type, shard): the shards added up (sql/014). A day whose events were
    // all erased keeps rows that add up to zero.
    private const string SummarySql = """
        SELECT day, type, sum(count)::bigint FROM activity_daily_counts
        WHERE tenant_id = @tenant AND day BETWEEN @from AND @to AND (@type::text IS NULL OR type = @type)
        GROUP BY day, type HAVING sum(count) > 0
        ORDER BY day DESC, type
        """;

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken)
    {
        long upper, lower;
        await using (var bounds = dataSource.CreateCommand(BoundsSql(query)))
        {
            bounds.Parameters.AddWithValue("tenant", tenantId);
            Add(bounds.Parameters, "before", query.Before);
            Add(bounds.Parameters, "from", query.From);
            Add(bounds.Parameters, "to", query.To);
            await using var reader = await bounds.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (reader.IsDBNull(0))
            {
                return []; // no events yet
            }

            (upper, lower) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        // The range's newest stretch first, by primary key walked back, then (when the page is not full) the
        // rest: without filters by primary key walked back too, with them by the terms index. Bounding the
        // first read matters without filters as well: a tenant newer than its partition's last ANALYZE
        // looks like a dozen rows to the planner, which then reads and sorts the tenant's whole range
        // (865 ms for 490,000 events, where walking back reads the page; the analytics job that keeps
        // recent activity warm ran that every 2 minutes).
        var filtered = Filtered(query);
        var below = Math.Max(lower, upper - recentWindow);
        var entries = await ReadAsync(RecentSql(query), tenantId, query, query.Limit, upper, below, cancellationToken, walkBack: true).ConfigureAwait(false);
        if (entries.Count == query.Limit || below <= lower)
        {
            return entries;
        }

        var older = await ReadAsync(OlderSql(query), tenantId, query, query.Limit - entries.Count, below, lower, cancellationToken, walkBack: !filtered).ConfigureAwait(false);
        return entries.Count == 0 ? older : [.. entries, .. older];
    }

    // With walkBack the plan is the primary key walked back from the newest event, stopping at the page's
    // end: a plan that reads the whole window and sorts it (in parallel workers, or from a bitmap) looks as
    // cheap to a generic plan, and evaluates a search on every event of the window (about 90 ms for 5,000
    // events, where walking back stops after a few hundred). SET LOCAL lasts the batch's own transaction.
    private async Task<List<AuditEntry>> ReadAsync(string sql, string tenantId, AuditQuery query, int limit, long upper, long lower, CancellationToken cancellationToken, bool walkBack = false)
    {
        await using var batch = dataSource.CreateBatch();
        if (walkBack)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_bitmapscan = off"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_seqscan = off"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL max_parallel_workers_per_gather = 0"));
        }

        var command = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(command);
        Add(command.Parameters, tenantId, query, limit);
        command.Parameters.AddWithValue("upper", upper);
        command.Parameters.AddWithValue("lower", lower);
        if (sql.Contains("@terms", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("terms", TermsOf(query));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Entry(reader));
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

    private static AuditEntry Entry(NpgsqlDataReader reader, int offset = 0) => new(
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
