using System.Globalization;
using Activity.Runtime.Grains;
using Activity.Runtime.State;
using Npgsql;
using NpgsqlTypes;

namespace Activity.Postgres.State;

/// <summary>Grain state in the <c>grain_state</c> table; the row's <c>version</c> is the ETag.</summary>
internal sealed class PostgresGrainStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    // Every statement addresses one row by the full primary key (grain_type, grain_key, state_name).
    private const string ReadSql = """
        SELECT version, payload::text FROM grain_state
        WHERE grain_type = @type AND grain_key = @key AND state_name = @state
        """;

    private const string InsertSql = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, version, payload, updated_at)
        VALUES (@type, @key, @state, 1, @payload, now())
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET payload = @payload, version = version + 1, updated_at = now()
        WHERE grain_type = @type AND grain_key = @key AND state_name = @state AND version = @version
        RETURNING version
        """;

    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = Command(ReadSql, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new GrainStateRecord(reader.IsDBNull(1) ? null : reader.GetString(1), Format(reader.GetInt64(0)));
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, string payload, string? etag, CancellationToken cancellationToken) =>
        await SwapAsync(grainId, stateName, payload, etag, cancellationToken).ConfigureAwait(false);

    public async Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken)
    {
        if (etag is null)
        {
            // Nothing was ever read as written: clearing is a no-op unless someone wrote meanwhile.
            var stored = await ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
            return stored is null ? null : throw new InconsistentStateException(grainId, stateName, etag, stored.ETag);
        }

        return await SwapAsync(grainId, stateName, payload: null, etag, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SwapAsync(GrainId grainId, string stateName, string? payload, string? etag, CancellationToken cancellationToken)
    {
        long expected = 0;
        if (etag is null || long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
        {
            await using var command = Command(etag is null ? InsertSql : UpdateSql, grainId, stateName);
            command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = (object?)payload ?? DBNull.Value });
            if (etag is not null)
            {
                command.Parameters.AddWithValue("version", expected);
            }

            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long written)
            {
                return Format(written);
            }
        }

        // Stale (or foreign) ETag: nothing was written. Report what is stored, for the error message.
        var current = await ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        throw new InconsistentStateException(grainId, stateName, etag, current?.ETag);
    }

    private NpgsqlCommand Command(string sql, GrainId grainId, string stateName)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("type", grainId.Type);
        command.Parameters.AddWithValue("key", grainId.Key);
        command.Parameters.AddWithValue("state", stateName);
        return command;
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
