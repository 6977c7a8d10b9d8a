using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Activity.Postgres.Migrations;

/// <summary>
/// Applies <c>sql/NNN_*.sql</c> at silo start, in order, each once and in its own transaction,
/// recorded in <c>schema_migrations</c>. Silos starting together queue on an advisory lock, so
/// exactly one applies each script. A database that is not up yet is retried until
/// <see cref="PostgresOptions.StartupTimeout"/>. Runs at the first stage of the silo's start, before
/// Orleans' providers read their statements from <c>OrleansQuery</c>.
/// </summary>
internal sealed partial class MigrationRunner(
    NpgsqlDataSource dataSource,
    IOptions<PostgresOptions> options,
    TimeProvider timeProvider,
    ILogger<MigrationRunner> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    // Any constant works as long as nothing else in the database uses it: "Activity" in ASCII.
    private const long AdvisoryLockKey = 0x4163_7469_7669_7479;

    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string AppliedSql = "SELECT version, name, checksum FROM schema_migrations";
    private const string RecordSql = "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MigrationRunner), ServiceLifecycleStage.First, RunAsync);

    /// <summary>Applies what is not applied yet.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(int.MaxValue, cancellationToken);

    /// <summary>Applies what is not applied yet up to version <paramref name="through"/>: a test's database as an older release left it.</summary>
    internal async Task RunAsync(int through, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey)).ConfigureAwait(false);
        try
        {
            await ApplyAsync(connection, [.. Migration.Embedded().Where(m => m.Version <= through)], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey)).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, CreateTableSql, cancellationToken).ConfigureAwait(false);
        var applied = new Dictionary<int, (string Name, string Checksum)>();
        await using (var command = new NpgsqlCommand(AppliedSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var done))
            {
                if (done.Checksum != migration.Checksum)
                {
                    throw new InvalidOperationException($"Migration {migration.Name} differs from the {done.Name} applied to this database. Applied migrations must not change; add a new numbered migration instead.");
                }

                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand(RecordSql, connection, transaction))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, migration.Name);
        }
    }

    // A database that is still starting (a compose file brings both up at once) is waited for: retried with
    // backoff (250 ms, doubling, at most 5 s apart) until StartupTimeout, then refused with what to check.
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.StartupTimeout;
        NpgsqlException? last = null;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(exception => exception.IsTransient),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                OnRetry = retry =>
                {
                    last = (NpgsqlException)retry.Outcome.Exception!;
                    LogWaiting(logger, last.Message, retry.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async token => await dataSource.OpenConnectionAsync(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timedOut)
        {
            var server = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new InvalidOperationException($"PostgreSQL at {server.Host}:{server.Port} was not reachable within {timeout.TotalSeconds:0} s ({last?.Message ?? timedOut.Message}). Check Activity:Postgres:ConnectionString and that the server is up.", last ?? (Exception)timedOut);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name}")]
    private static partial void LogApplied(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is not reachable yet ({Reason}); retrying in {Delay}")]
    private static partial void LogWaiting(ILogger logger, string reason, TimeSpan delay);
}
