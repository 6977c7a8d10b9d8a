using Npgsql;

namespace Activity.Postgres;

/// <summary>Reads queries that answer one number per tenant (<c>tenant_id, bigint</c>): sequences, checkpoints.</summary>
internal static class TenantNumbers
{
    /// <summary>Runs <paramref name="sql"/> and returns its rows as tenant id → number.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var numbers = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            numbers[reader.GetString(0)] = reader.GetInt64(1);
        }

        return numbers;
    }
}
