using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Activity.Postgres.Ingest;

/// <summary>
/// Merges the pending lists of the log's terms index (activity_queue_terms, sql/011) into the index every
/// <see cref="PostgresOptions.IndexMergeInterval"/>, on every silo: new events' terms are gathered in a
/// pending list and merged in bulk, and without this the append that fills the list (64 MB, a few hundred
/// thousand events) merges it itself, holding its tenant's sequence for a second or more. One silo merges
/// at a time: a silo whose tick finds another's merge running skips it instead of queueing behind it on
/// the index's metapage, where the appends wait too. An empty list costs a read of one page.
/// </summary>
/// <remarks>
/// Measured with two silos (single emits over both, one sitting each, noisy): the merges cost PostgreSQL
/// 18–59 µs of wall time per event when both silos merged, 21 µs with this lock, 5 µs when only one silo
/// merged at all; so merging half as often, not only one at a time, is what helped, and a cluster-wide
/// interval is the next step.
/// </remarks>
internal sealed partial class LogIndexMerger(NpgsqlDataSource dataSource, TimeProvider timeProvider, IOptions<PostgresOptions> options, ILogger<LogIndexMerger> logger) : BackgroundService
{
    // The terms index of every partition of the log (each partition has its own, attached to the log's);
    // none while a bulk load has dropped it. Under a transaction-level advisory lock, tried, not waited
    // for: null when another silo is merging, else the pending-list pages merged.
    private const string MergeSql = """
        WITH turn AS (SELECT pg_try_advisory_xact_lock(hashtext('activity_queue_terms merge')) AS mine)
        SELECT CASE WHEN mine
                    THEN (SELECT coalesce(sum(gin_clean_pending_list(inhrelid)), 0)::bigint FROM pg_inherits WHERE inhparent = to_regclass('activity_queue_terms'))
               END
        FROM turn
        """;

    /// <summary>Merges the pending lists now, unless another merge runs: the pages merged, or null when it was another's turn.</summary>
    public static async Task<long?> MergeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(MergeSql);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long pages ? pages : null;
    }

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
                await MergeAsync(dataSource, stoppingToken).ConfigureAwait(false);
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
