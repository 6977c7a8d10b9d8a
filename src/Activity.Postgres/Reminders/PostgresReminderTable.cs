using System.Globalization;
using Activity.Runtime.Grains;
using Activity.Runtime.Reminders;
using Npgsql;

namespace Activity.Postgres.Reminders;

/// <summary>Reminders in the <c>reminders</c> table; versions come from the <c>reminder_versions</c> sequence.</summary>
internal sealed class PostgresReminderTable(NpgsqlDataSource dataSource) : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period, version";

    // A full read, once per silo start.
    private const string ReadAllSql = $"SELECT {Columns} FROM reminders";

    // Primary key prefix (grain_type, grain_key).
    private const string ReadRowsSql = $"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_key = @key";

    // Full primary key.
    private const string ReadRowSql = $"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_key = @key AND reminder_name = @name";

    private const string UpsertSql = """
        INSERT INTO reminders (grain_type, grain_key, reminder_name, start_at, period, version)
        VALUES (@type, @key, @name, @start, @period, nextval('reminder_versions'))
        ON CONFLICT (grain_type, grain_key, reminder_name)
        DO UPDATE SET start_at = excluded.start_at, period = excluded.period, version = excluded.version
        RETURNING version
        """;

    private const string RemoveSql = "DELETE FROM reminders WHERE grain_type = @type AND grain_key = @key AND reminder_name = @name AND version = @version";

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        QueryAsync(dataSource.CreateCommand(ReadAllSql), cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(Command(ReadRowsSql, grainId), cancellationToken);

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        var command = Command(ReadRowSql, grainId);
        command.Parameters.AddWithValue("name", name);
        var rows = await QueryAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        await using var command = Command(UpsertSql, entry.GrainId);
        command.Parameters.AddWithValue("name", entry.Name);
        command.Parameters.AddWithValue("start", entry.StartAt.ToUniversalTime());
        command.Parameters.AddWithValue("period", entry.Period);
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string name, string etag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        await using var command = Command(RemoveSql, grainId);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<IReadOnlyList<ReminderEntry>> QueryAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var rows = new List<ReminderEntry>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new ReminderEntry(
                    new GrainId(reader.GetString(0), reader.GetString(1)),
                    reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<TimeSpan>(4),
                    reader.GetInt64(5).ToString(CultureInfo.InvariantCulture)));
            }

            return rows;
        }
    }

    private NpgsqlCommand Command(string sql, GrainId grainId)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("type", grainId.Type);
        command.Parameters.AddWithValue("key", grainId.Key);
        return command;
    }
}
