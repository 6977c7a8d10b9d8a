using System.Text.Json;
using Activity.Domain.Feed;
using Activity.Grains.Ingest;
using Npgsql;
using NpgsqlTypes;

namespace Activity.Postgres.Ingest;

/// <summary>The event log in <c>event_log</c>, with per-tenant sequences from <c>tenant_sequences</c>.</summary>
/// <param name="dataSource">The database.</param>
/// <param name="copyFrom">From how many events an append goes by COPY instead of one INSERT statement.</param>
/// <param name="userWindow">How many events after a user's checkpoint a user's read scans before it turns to the terms index.</param>
internal sealed partial class PostgresEventLog(NpgsqlDataSource dataSource, int copyFrom = PostgresEventLog.DefaultCopyFrom, int userWindow = PostgresEventLog.DefaultUserWindow) : IEventLog
{
    /// <summary>
    /// Below this, one INSERT of unnested arrays (one round trip) is cheaper all told; from here on,
    /// decoding the arrays costs the database more than COPY's extra round trips (measured: about 10%
    /// less database time per event for single-event emits under load, 40% less for 1,000-event batches).
    /// <see cref="PostgresOptions.CopyFrom"/> overrides it.
    /// </summary>
    public const int DefaultCopyFrom = 32;

    /// <summary>
    /// A user's read scans the next this many events of the tenant by primary key, and asks the terms
    /// index for anything beyond: a dashboard catching up a moment behind (the usual case) reads a short
    /// stretch of the log, one that is far behind reads the user's events by the index.
    /// </summary>
    public const int DefaultUserWindow = 20_000;

    // Claims each key for its event, unless a fresh claim exists (then nothing is returned for it).
    // Primary key (tenant_id, idempotency_key).
    private const string ClaimKeysSql = """
        INSERT INTO idempotency_keys AS k (tenant_id, idempotency_key, event_id, created_at)
        SELECT * FROM unnest(@tenants::text[], @keys::text[], @ids::uuid[], @at::timestamptz[])
        ON CONFLICT (tenant_id, idempotency_key) DO UPDATE
            SET event_id = EXCLUDED.event_id, created_at = EXCLUDED.created_at
            WHERE k.created_at <= EXCLUDED.created_at - @window::interval
        RETURNING tenant_id, idempotency_key
        """;

    private const string ClaimedBySql = """
        SELECT k.tenant_id, k.idempotency_key, k.event_id
        FROM idempotency_keys k
        JOIN unnest(@tenants::text[], @keys::text[]) AS wanted(tenant_id, idempotency_key) USING (tenant_id, idempotency_key)
        """;

    // Releases the reservations (PostgresEventLog.Reservations) and writes the events under them,
    // with the expiry day computed here from the tenant's retention, and adds them to the per-day counts in
    // this backend's shard (sql/014: no other append waits on the row). One statement, atomic on its own;
    // when a reservation was given up, nothing is written (and the rest are released empty: sequences
    // that will never hold an event) and it returns fewer rows than it was given.
    private const string AppendSql = """
        WITH released AS (
            DELETE FROM log_reservations r USING unnest(@tenants::text[], @firsts::bigint[]) AS x(tenant_id, first_seq)
            WHERE r.tenant_id = x.tenant_id AND r.first_seq = x.first_seq
            RETURNING 1
        ),
        input AS (
            SELECT * FROM unnest(@tenant::text[], @seq::bigint[], @id::uuid[], @type::text[], @actor::text[],
                                 @item::text[], @owner::text[], @occurred::timestamptz[], @received::timestamptz[],
                                 @payload::jsonb[], @key::text[], @status::text[], @environment::text[],
                                 @request::text[], @ip::inet[], @details::text[], @expires::date[])
                AS i(tenant_id, seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload,
                     idempotency_key, status, environment, request_id, ip_address, details, expires_on)
            WHERE (SELECT count(*) FROM released) = cardinality(@tenants::text[])
        ),
        daily AS (
            INSERT INTO activity_daily_counts AS d (tenant_id, day, type, shard, count)
            SELECT tenant_id, (occurred_at AT TIME ZONE 'UTC')::date, type, activity_count_shard(), count(*) FROM input GROUP BY 1, 2, 3
            ON CONFLICT (tenant_id, day, type, shard) DO UPDATE SET count = d.count + EXCLUDED.count
        ),
        appended AS (
            INSERT INTO event_log (tenant_id, seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload,
                                        idempotency_key, status, environment, request_id, ip_address, details, expires_on)
            SELECT * FROM input
            RETURNING 1
        )
        SELECT count(*) FROM appended
        """;

    // Primary key (tenant_id, seq). Bounded above as well: to a generic plan a range between two
    // parameters is narrow, so the plan is each partition's primary key read in order up to the limit
    // (an open-ended `seq > $1` looked wide enough for a bitmap of every later event and a sort: 250 ms
    // a page under load).
    private const string ReadSql = """
        SELECT seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload::text
        FROM event_log WHERE tenant_id = @tenant AND seq > @after AND seq <= @upto ORDER BY seq LIMIT @max
        """;

    // A user's events after a sequence: first the next stretch of the tenant's log by primary key; when
    // the log goes on past it, the rest by the terms index ('a ' and 'o ' terms), a week at a time
    // (activity_find_user, sql/011).
    private const string ReadUserNearSql = """
        SELECT seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload::text
        FROM event_log
        WHERE tenant_id = @tenant AND seq > @after AND seq <= @after + @window AND (actor_id = @user OR item_owner_id = @user)
        ORDER BY seq LIMIT @max
        """;

    private const string ReadUserFarSql = """
        SELECT seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload::text
        FROM activity_find_user(@tenant, @user, @after + @window, @max) ORDER BY seq
        """;

    // The last sequence reserved: whether the log goes on past a user's window (open reservations or not).
    private const string LastSql = "SELECT coalesce((SELECT last FROM tenant_sequences WHERE tenant_id = @tenant), 0)";

    // What readers may read up to: the high-water marks (sql/014).
    private const string HighWaterSql = "SELECT activity_log_high_water(@tenant)";

    private const string HighWatersSql = "SELECT tenant_id, mark FROM activity_log_high_waters()";

    private const string SettleSql = "SELECT activity_log_settle(@tenant)";

    // Erasure, in one transaction. The terms index finds their events ('a ' terms, sql/011); the per-day
    // counts they were in go down (in this backend's shard, sql/014); their idempotency keys go (a scan of
    // the last day's keys, joined by event id).
    private const string EraseEventsSql = """
        WITH gone AS (
            DELETE FROM event_log
            WHERE tenant_id = @tenant AND actor_id = @user AND seq <= @through
              AND activity_index_terms(type, actor_id, item_owner_id, item_id, status, environment, details, payload) @> ARRAY['a ' || @user]
            RETURNING id, type, occurred_at
        ),
        counted AS (
            INSERT INTO activity_daily_counts AS d (tenant_id, day, type, shard, count)
            SELECT @tenant, (occurred_at AT TIME ZONE 'UTC')::date, type, activity_count_shard(), -count(*) FROM gone GROUP BY 2, 3
            ON CONFLICT (tenant_id, day, type, shard) DO UPDATE SET count = d.count + EXCLUDED.count
        ),
        keys AS (
            DELETE FROM idempotency_keys k USING gone WHERE k.tenant_id = @tenant AND k.event_id = gone.id
        )
        SELECT count(*) FROM gone
        """;

    // Their events up to `through` off the analytics projection (sql/012), before the log deletes them.
    private const string ForgetAnalyticsSql = "SELECT analytics_forget_actor(@tenant, @user, @through)";

    // The terms index ('o ' terms).
    private const string ClearOwnerSql = """
        UPDATE event_log SET item_owner_id = NULL
        WHERE tenant_id = @tenant AND item_owner_id = @user AND seq <= @through
          AND activity_index_terms(type, actor_id, item_owner_id, item_id, status, environment, details, payload) @> ARRAY['o ' || @user]
        """;

    // idempotency_keys_created_at.
    private const string ForgetKeysSql = "DELETE FROM idempotency_keys WHERE created_at < @before";

    // The expiry weeks the events need, each created unless it exists (event_log_partition, sql/008).
    private const string AddPartitionsSql = """
        SELECT event_log_partition(week) FROM (
            SELECT DISTINCT date_trunc('week', activity_expires_on(e.received_at, coalesce(t.retention_days, 90)))::date AS week
            FROM unnest(@tenant::text[], @received::timestamptz[]) AS e(tenant_id, received_at) LEFT JOIN tenants t ON t.id = e.tenant_id
        ) weeks
        """;

    public async Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var reservation = await ReserveAsync(connection, events, cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                return await WriteAsync(connection, events, reservation, idempotencyWindow, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (IsMissingPartition(exception))
            {
                // The first events of a new expiry week: the retention job creates the coming weeks ahead,
                // so this happens when it has not run yet or a tenant's retention reaches further. The
                // write rolled back, its release with it: the reservation is still open for the retry.
                await AddPartitionsAsync(events, cancellationToken).ConfigureAwait(false);
                return await WriteAsync(connection, events, reservation, idempotencyWindow, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PostgresException exception) when (exception.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            // Class 22, data exception: these values are refused whatever the database's health.
            await GiveUpAsync(reservation).ConfigureAwait(false);
            throw new EventsRejectedException($"PostgreSQL refused the events' data: {exception.MessageText}. Nothing was stored; fix the data before sending it again.", exception);
        }
        catch
        {
            await GiveUpAsync(reservation).ConfigureAwait(false);
            throw;
        }
    }

    private static bool IsMissingPartition(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.CheckViolation && exception.MessageText.StartsWith("no partition of relation", StringComparison.Ordinal);

    private async Task AddPartitionsAsync(IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AddPartitionsSql);
        command.Parameters.AddWithValue("tenant", events.Select(e => e.TenantId).ToArray());
        command.Parameters.AddWithValue("received", events.Select(e => e.ReceivedAt).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Releases the reservation and writes the events in one transaction: without idempotency keys and by
    // INSERT, one statement (atomic on its own); claiming keys first, or copying, in an explicit one.
    private async Task<AppendResult> WriteAsync(NpgsqlConnection connection, IReadOnlyList<NewEvent> events, Reservation reservation, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.Id).ToArray();
        var keyed = events.Any(e => e.IdempotencyKey is not null);
        var copy = events.Count >= copyFrom;
        await using var transaction = keyed || copy ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        var append = keyed
            ? await ResolveKeysAsync(connection, transaction!, events, ids, idempotencyWindow, cancellationToken).ConfigureAwait(false)
            : [.. events];
        var (sequences, appended) = Number(events, append, reservation);

        if (copy || append.Count == 0)
        {
            // The release first, its rows counted before anything is written; then the counts and the COPY.
            await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { ReleaseCommand(reservation) } };
            if (append.Count > 0)
            {
                batch.BatchCommands.Add(DailyCountsCommand(append));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (batch.BatchCommands[0].RecordsAffected < reservation.Ranges.Count)
            {
                throw GivenUp();
            }

            if (append.Count > 0)
            {
                await CopyAsync(connection, append, appended, reservation, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await using var command = AppendCommand(connection, transaction, append, appended, reservation);
            if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! < append.Count)
            {
                throw GivenUp();
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new AppendResult(ids, sequences, reservation.Ranges);
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadAsync(string tenantId, long after, long upTo, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("upto", upTo);
        command.Parameters.AddWithValue("max", max);
        return await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken)
    {
        var near = await ReadUserAsync(ReadUserNearSql, tenantId, userId, after, max, cancellationToken).ConfigureAwait(false);
        if (near.Count == max)
        {
            return near;
        }

        await using (var last = dataSource.CreateCommand(LastSql))
        {
            last.Parameters.AddWithValue("tenant", tenantId);
            if ((long)(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! <= after + userWindow)
            {
                return near;
            }
        }

        var far = await ReadUserAsync(ReadUserFarSql, tenantId, userId, after, max - near.Count, cancellationToken).ConfigureAwait(false);
        return near.Count == 0 ? far : [.. near, .. far];
    }

    private async Task<IReadOnlyList<LoggedEvent>> ReadUserAsync(string sql, string tenantId, string userId, long after, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("window", (long)userWindow);
        command.Parameters.AddWithValue("max", max);
        return await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<LoggedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new LoggedEvent(
                reader.GetGuid(1),
                reader.GetInt64(0),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : Json(reader.GetString(8))));
        }

        return events;
    }

    public Task<long> HighWaterAsync(string tenantId, CancellationToken cancellationToken) => MarkAsync(HighWaterSql, tenantId, cancellationToken);

    public Task<long> SettleAsync(string tenantId, CancellationToken cancellationToken) => MarkAsync(SettleSql, tenantId, cancellationToken);

    private async Task<long> MarkAsync(string sql, string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public Task<IReadOnlyDictionary<string, long>> HighWatersAsync(CancellationToken cancellationToken) =>
        TenantNumbers.ReadAsync(dataSource, HighWatersSql, cancellationToken);

    public async Task<UserEventsErased> EraseUserAsync(string tenantId, string userId, long through, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long events, owned;
        await using (var forget = new NpgsqlCommand(ForgetAnalyticsSql, connection, transaction))
        {
            AddUser(forget, tenantId, userId, through);
            await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var erase = new NpgsqlCommand(EraseEventsSql, connection, transaction))
        {
            AddUser(erase, tenantId, userId, through);
            events = (long)(await erase.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await using (var clear = new NpgsqlCommand(ClearOwnerSql, connection, transaction))
        {
            AddUser(clear, tenantId, userId, through);
            owned = await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new UserEventsErased(events, owned);

        static void AddUser(NpgsqlCommand command, string tenantId, string userId, long through)
        {
            command.Parameters.AddWithValue("tenant", tenantId);
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("through", through);
        }
    }

    public async Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ForgetKeysSql);
        command.Parameters.AddWithValue("before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Decides which keyed events are new: the first event of each (tenant, key) in the batch tries to
    // claim the key; a repeat, in the batch or of a fresh earlier claim, takes the claimant's id.
    private static async Task<List<NewEvent>> ResolveKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<NewEvent> events, Guid[] ids, TimeSpan window, CancellationToken cancellationToken)
    {
        var first = new Dictionary<(string Tenant, string Key), NewEvent>();
        foreach (var e in events)
        {
            if (e.IdempotencyKey is { } key)
            {
                first.TryAdd((e.TenantId, key), e);
            }
        }

        var claims = first.Values.ToList();
        var claimed = new HashSet<(string, string)>();
        await using (var claim = new NpgsqlCommand(ClaimKeysSql, connection, transaction))
        {
            claim.Parameters.AddWithValue("tenants", claims.Select(e => e.TenantId).ToArray());
            claim.Parameters.AddWithValue("keys", claims.Select(e => e.IdempotencyKey!).ToArray());
            claim.Parameters.AddWithValue("ids", claims.Select(e => e.Id).ToArray());
            claim.Parameters.AddWithValue("at", claims.Select(e => e.ReceivedAt).ToArray());
            claim.Parameters.AddWithValue("window", window);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var standsFor = claims.Where(e => claimed.Contains((e.TenantId, e.IdempotencyKey!))).ToDictionary(e => (e.TenantId, e.IdempotencyKey!), e => e.Id);
        var taken = claims.Where(e => !claimed.Contains((e.TenantId, e.IdempotencyKey!))).ToList();
        if (taken.Count > 0)
        {
            await using var lookup = new NpgsqlCommand(ClaimedBySql, connection, transaction);
            lookup.Parameters.AddWithValue("tenants", taken.Select(e => e.TenantId).ToArray());
            lookup.Parameters.AddWithValue("keys", taken.Select(e => e.IdempotencyKey!).ToArray());
            await using var reader = await lookup.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                standsFor[(reader.GetString(0), reader.GetString(1))] = reader.GetGuid(2);
            }
        }

        var append = new List<NewEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.IdempotencyKey is null || (claimed.Contains((e.TenantId, e.IdempotencyKey)) && ReferenceEquals(first[(e.TenantId, e.IdempotencyKey)], e)))
            {
                append.Add(e);
            }
            else
            {
                ids[i] = standsFor[(e.TenantId, e.IdempotencyKey)];
            }
        }

        return append;
    }

    // Each appended event's sequence, counted from the first its tenant reserved in the order they came;
    // a repeat (not appended) gets 0. Repeats leave the last sequences of the reservation unused, which
    // readers take as events that will never be there. Returns them per input event and per appended one.
    private static (long[] Sequences, long[] Appended) Number(IReadOnlyList<NewEvent> events, List<NewEvent> appended, Reservation reservation)
    {
        var next = reservation.Ranges.ToDictionary(r => r.Key, r => r.Value.First);
        var sequences = new long[events.Count];
        var numbered = new long[appended.Count];
        for (int i = 0, j = 0; i < events.Count && j < appended.Count; i++)
        {
            // Appended events are the input events minus repeats, in the same order.
            if (ReferenceEquals(events[i], appended[j]))
            {
                sequences[i] = numbered[j] = next[events[i].TenantId]++;
                j++;
            }
        }

        return (sequences, numbered);
    }

    private static NpgsqlCommand AppendCommand(NpgsqlConnection connection, NpgsqlTransaction? transaction, List<NewEvent> events, long[] sequences, Reservation reservation)
    {
        var command = new NpgsqlCommand(AppendSql, connection, transaction);
        command.Parameters.AddWithValue("tenants", reservation.Ranges.Keys.ToArray());
        command.Parameters.AddWithValue("firsts", reservation.Ranges.Values.Select(r => r.First).ToArray());
        command.Parameters.AddWithValue("tenant", events.Select(e => e.TenantId).ToArray());
        command.Parameters.AddWithValue("seq", sequences);
        command.Parameters.AddWithValue("id", events.Select(e => e.Id).ToArray());
        command.Parameters.AddWithValue("type", events.Select(e => e.Type).ToArray());
        command.Parameters.AddWithValue("actor", events.Select(e => e.ActorId).ToArray());
        command.Parameters.AddWithValue("item", events.Select(e => e.ItemId).ToArray());
        command.Parameters.AddWithValue("owner", events.Select(e => e.ItemOwnerId).ToArray());
        command.Parameters.AddWithValue("occurred", events.Select(e => e.OccurredAt).ToArray());
        command.Parameters.AddWithValue("received", events.Select(e => e.ReceivedAt).ToArray());
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = events.Select(e => e.Payload?.GetRawText()).ToArray(),
        });
        command.Parameters.AddWithValue("key", events.Select(e => e.IdempotencyKey).ToArray());
        command.Parameters.AddWithValue("status", events.Select(e => e.Audit?.Status).ToArray());
        command.Parameters.AddWithValue("environment", events.Select(e => e.Audit?.Environment).ToArray());
        command.Parameters.AddWithValue("request", events.Select(e => e.Audit?.RequestId).ToArray());
        command.Parameters.AddWithValue("ip", events.Select(e => e.Audit?.IpAddress).ToArray());
        command.Parameters.AddWithValue("details", events.Select(e => e.Audit?.Details).ToArray());
        command.Parameters.AddWithValue("expires", events.Select(e => ExpiresOn(e.ReceivedAt, reservation.RetentionDays[e.TenantId])).ToArray());
        return command;
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
