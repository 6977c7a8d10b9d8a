using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Activity.Postgres.Health;

/// <summary>
/// Readiness: PostgreSQL answers a trivial query within a few seconds. The answer is public, so it names
/// what failed and never the exception's text (which can hold host names and user names); the exception
/// goes to the silo's log with the check's result.
/// </summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {Timeout.TotalSeconds:0} s.", exception);
        }
        catch (NpgsqlException exception)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL refused or dropped the connection.", exception);
        }
    }
}
