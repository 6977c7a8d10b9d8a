using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Activity.Postgres.Ingest;

/// <summary>
/// Merges the pending lists of the log's terms index (activity_queue_terms, sql/011) into the index every
/// <see cref="PostgresOptions.IndexMergeInterval"/>, on every silo: new events' terms are gathered in a
/// pending list and merged in bulk, and without this the append that fills the list (64 MB, a few hundred
/// thousand events) merges it itself, holding its tenant's sequence for a second or more. Merges of two
/// silos take turns in the database; an empty list costs a read of one page.
/// </summary>
internal sealed partial class LogIndexMerger(NpgsqlDataSource dataSource, TimeProvider timeProvider, IOptions<PostgresOptions> options, ILogger<LogIndexMerger> logger) : BackgroundService
{
    // The terms index of every partition of the log (each partition has its own, attached to the log's);
    // none while a bulk load has dropped it.
    private const string MergeSql = """
        SELECT coalesce(sum(gin_clean_pending_list(inhrelid)), 0) FROM pg_inherits WHERE inhparent = to_regclass('activity_queue_terms')
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.IndexMergeInterval;
        if (every <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(every, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var command = dataSource.CreateCommand(MergeSql);
                await command.ExecuteScalarAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The next tick tries again; meanwhile appends and autovacuum merge as they would anyway.
                LogMergeFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merging the log index's pending lists failed; the next tick tries again")]
    private static partial void LogMergeFailed(ILogger logger, Exception exception);
}
