using Activity.Postgres.Ingest;
using Npgsql;

namespace Activity.Testing;

/// <summary>
/// Another silo's append to the PostgreSQL log, stopped where it matters (sql/014): its sequences
/// reserved (committed), and after <see cref="ReleaseAsync"/> inside its open transaction; committing
/// writes its events. Disposing it without committing is a silo that died.
/// </summary>
public sealed class HeldAppend : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _tenant;
    private NpgsqlTransaction? _transaction;

    private HeldAppend(NpgsqlConnection connection, string tenant, long first, long last) =>
        (_connection, _tenant, First, Last) = (connection, tenant, first, last);

    /// <summary>The first sequence it reserved.</summary>
    public long First { get; }

    /// <summary>The last sequence it reserved.</summary>
    public long Last { get; }

    /// <summary>Reserves <paramref name="count"/> sequences of the tenant; with <paramref name="release"/>, also releases them in a transaction left open.</summary>
    public static async Task<HeldAppend> ReserveAsync(NpgsqlDataSource dataSource, string tenant, int count, bool release)
    {
        var connection = await dataSource.OpenConnectionAsync();
        long last;
        await using (var reserve = new NpgsqlCommand(PostgresEventLog.ReserveSql, connection))
        {
            reserve.Parameters.AddWithValue("tenants", new[] { tenant });
            reserve.Parameters.AddWithValue("counts", new[] { (long)count });
            await using var reader = await reserve.ExecuteReaderAsync();
            await reader.ReadAsync();
            last = reader.GetInt64(1);
        }

        var held = new HeldAppend(connection, tenant, last - count + 1, last);
        if (release)
        {
            await held.ReleaseAsync();
        }

        return held;
    }

    /// <summary>What the append does first in its transaction; false when its reservation was given up (the append must not commit).</summary>
    public async Task<bool> ReleaseAsync()
    {
        _transaction = await _connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(PostgresEventLog.ReleaseSql, _connection, _transaction);
        command.Parameters.AddWithValue("tenants", new[] { _tenant });
        command.Parameters.AddWithValue("firsts", new[] { First });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Writes an event of type <c>held</c> at each reserved sequence, in the partition of the tenant's latest event, and commits.</summary>
    public async Task CommitAsync()
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO event_log (tenant_id, seq, id, type, actor_id, occurred_at, received_at, expires_on)
            SELECT @tenant, s, gen_random_uuid(), 'held', 'held-actor', latest.occurred_at, latest.received_at, latest.expires_on
            FROM generate_series(@first, @last) s,
                 (SELECT occurred_at, received_at, expires_on FROM event_log WHERE tenant_id = @tenant ORDER BY seq DESC LIMIT 1) latest
            """, _connection, _transaction);
        insert.Parameters.AddWithValue("tenant", _tenant);
        insert.Parameters.AddWithValue("first", First);
        insert.Parameters.AddWithValue("last", Last);
        await insert.ExecuteNonQueryAsync();
        await _transaction!.CommitAsync();
    }

    /// <summary>Makes the reservation look <paramref name="by"/> older, as if its silo had stopped that long ago.</summary>
    public async Task AgeAsync(TimeSpan by)
    {
        await using var command = new NpgsqlCommand("UPDATE log_reservations SET reserved_at = reserved_at - @by WHERE tenant_id = @tenant AND first_seq = @first", _connection);
        command.Parameters.AddWithValue("by", by);
        command.Parameters.AddWithValue("tenant", _tenant);
        command.Parameters.AddWithValue("first", First);
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }
}
