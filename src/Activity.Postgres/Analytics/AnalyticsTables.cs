using Activity.Grains.Projections;
using Npgsql;
using Orleans.Storage;

namespace Activity.Postgres.Analytics;

/// <summary>
/// The analytics projection (sql/012): per tenant, who was active in which month and each item's
/// engagement, applied by the database from each range of the log (<c>analytics_apply</c>).
/// </summary>
internal sealed class AnalyticsTables(NpgsqlDataSource dataSource) : ITableProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "analytics";

    // Primary keys.
    private const string CheckpointSql = "SELECT coalesce((SELECT applied FROM projection_checkpoints WHERE projection = 'analytics' AND tenant_id = @tenant), 0)";
    // How far the projection may apply: the log's high-water mark, not past a reservation still open (sql/014).
    private const string LastSql = "SELECT activity_log_high_water(@tenant)";
    private const string ApplySql = "SELECT analytics_apply(@tenant, @from, @to)";

    /// <summary>What <c>analytics_apply</c> raises when the checkpoint is not where the writer started from.</summary>
    private const string MovedOn = "AC001";

    public string Name => ProjectionName;

    public Task<long> CheckpointAsync(string tenantId, CancellationToken cancellationToken) => ScalarAsync(CheckpointSql, tenantId, cancellationToken);

    public Task<long> HighWaterAsync(string tenantId, CancellationToken cancellationToken) => ScalarAsync(LastSql, tenantId, cancellationToken);

    public async Task ApplyAsync(string tenantId, long from, long to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ApplySql);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState == MovedOn)
        {
            throw new InconsistentStateException($"The analytics of tenant {tenantId} moved on: another writer applied its log ({exception.MessageText}).", exception);
        }
    }

    private async Task<long> ScalarAsync(string sql, string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
