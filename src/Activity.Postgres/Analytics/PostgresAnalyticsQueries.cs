using Activity.Domain.Analytics;
using Activity.Grains.Analytics;
using Npgsql;

namespace Activity.Postgres.Analytics;

/// <summary>
/// The analytics counts from <c>activity_daily_counts</c> (kept whole) and, over what retention keeps of
/// the log, from the analytics projection's tables (sql/012, <see cref="AnalyticsTables"/>), brought up to
/// the log's end before each read, so a read sees every event committed before it. Top items over a
/// range of time (exports) still read the tenant's log.
/// </summary>
internal sealed class PostgresAnalyticsQueries(NpgsqlDataSource dataSource) : IAnalyticsQueries
{
    // activity_daily_counts primary key prefix (tenant_id): a tenant's days by type, small.
    private const string SignUpsSql = """
        SELECT date_trunc('month', day)::date, sum(count)::bigint FROM activity_daily_counts
        WHERE tenant_id = @tenant AND day < @before AND upper(type) = 'SIGN_UP'
        GROUP BY 1
        """;

    // What the projection has not applied yet, then the tenant's months in the range (primary keys).
    private const string CatchUpSql = "SELECT analytics_catch_up(@tenant)";

    private const string ActiveSql = """
        SELECT month, active_users FROM analytics_months
        WHERE tenant_id = @tenant AND month >= @from AND month < @before AND active_users > 0
        """;

    // analytics_items_top (tenant_id, score DESC, item_id COLLATE "C"), read in order up to the limit.
    private const string TopItemsSql = """
        SELECT item_id, greatest(0, votes - vote_removals), greatest(0, comments - comment_deletions), views
        FROM analytics_items
        WHERE tenant_id = @tenant AND score + views > 0
        ORDER BY score DESC, item_id COLLATE "C"
        LIMIT @limit
        """;

    // activity_daily_counts primary key (tenant_id, day, type, shard), the shards added up (sql/014).
    private const string DailySql = """
        SELECT day, type, sum(count)::bigint FROM activity_daily_counts
        WHERE tenant_id = @tenant AND day BETWEEN @from AND @to
        GROUP BY day, type HAVING sum(count) > 0
        """;

    // Exports over a range of occurrence: the tenant's events (primary key prefix) that name an item, grouped
    // by item. Types match ignoring case, as Engagement.KindOf does.
    private const string TopItemsInRangeSql = """
        SELECT item_id, votes, comments, views FROM (
            SELECT item_id,
                   greatest(0, count(*) FILTER (WHERE lower(type) = 'vote') - count(*) FILTER (WHERE lower(type) = 'vote_removed')) AS votes,
                   greatest(0, count(*) FILTER (WHERE lower(type) = 'comment') - count(*) FILTER (WHERE lower(type) = 'comment_deleted')) AS comments,
                   count(*) FILTER (WHERE lower(type) = 'view') AS views
            FROM event_log
            WHERE tenant_id = @tenant AND item_id IS NOT NULL AND occurred_at >= @from AND occurred_at < @before
            GROUP BY item_id
        ) items
        WHERE votes + comments + views > 0
        ORDER BY votes + comments DESC, item_id COLLATE "C"
        LIMIT @limit
        """;

    // activity_daily_counts primary key (tenant_id, day, type, shard), read backwards from the tenant's
    // last day, a day's shards added up.
    private const string LastActiveSql = """
        SELECT max(day) FROM (
            SELECT day FROM activity_daily_counts WHERE tenant_id = @tenant GROUP BY day HAVING sum(count) > 0 ORDER BY day DESC LIMIT 1
        ) last_day
        """;

    // One probe of the activity_daily_counts primary key (tenant_id, day) per tenant: the analytics
    // coordinator asks once a minute, and this stays a tenant count of index probes however long the history.
    private const string ActiveTenantsSql = """
        SELECT t.id FROM tenants t
        WHERE EXISTS (SELECT 1 FROM activity_daily_counts d WHERE d.tenant_id = t.id AND d.day >= @since GROUP BY d.day HAVING sum(d.count) > 0)
        """;

    public async Task<IReadOnlyDictionary<DateOnly, long>> SignUpsPerMonthAsync(string tenantId, DateOnly before, CancellationToken cancellationToken)
    {
        await using var command = Command(SignUpsSql, tenantId, ("before", before));
        return await MonthsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<DateOnly, long>> ActiveUsersPerMonthAsync(string tenantId, DateOnly from, DateOnly before, CancellationToken cancellationToken)
    {
        await CatchUpAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await using var command = Command(ActiveSql, tenantId, ("from", from), ("before", before));
        return await MonthsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TypeDayCount>> DailyCountsAsync(string tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = Command(DailySql, tenantId, ("from", from), ("to", to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<TypeDayCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new TypeDayCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }

    public async Task<IReadOnlyList<ItemRank>> TopItemsAsync(string tenantId, int limit, DateTimeOffset? from, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        if (from is null || before is null)
        {
            await CatchUpAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }

        await using var command = from is null || before is null
            ? Command(TopItemsSql, tenantId, ("limit", limit))
            : Command(TopItemsInRangeSql, tenantId, ("limit", limit), ("from", from.Value), ("before", before.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<ItemRank>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new ItemRank(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return items;
    }

    public async Task<DateOnly?> LastActiveDayAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = Command(LastActiveSql, tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetFieldValue<DateOnly>(0) : null;
    }

    public async Task<IReadOnlyList<string>> ActiveTenantsAsync(DateOnly since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ActiveTenantsSql);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tenants = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tenants.Add(reader.GetString(0));
        }

        return tenants;
    }

    private async Task CatchUpAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = Command(CatchUpSql, tenantId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyDictionary<DateOnly, long>> MonthsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var months = new Dictionary<DateOnly, long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            months[reader.GetFieldValue<DateOnly>(0)] = reader.GetInt64(1);
        }

        return months;
    }

    private NpgsqlCommand Command(string sql, string tenantId, params (string Name, object Value)[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
