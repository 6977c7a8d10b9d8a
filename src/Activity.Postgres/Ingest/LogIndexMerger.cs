using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Activity.Postgres.Ingest;

/// <summary>
/// Merges the pending lists of the log's terms index (event_log_terms, sql/011) into the index about
/// every <see cref="PostgresOptions.IndexMergeInterval"/>, once for the whole cluster: new events' terms
/// are gathered in a pending list and merged in bulk, and without this the append that fills the list
/// (64 MB, a few hundred thousand events) merges it itself, and its emits wait a second or more for their
/// 202. Every silo ticks; a tick merges only when no silo's merge began within three quarters of the
/// interval (log_index_merges, sql/013: the database's clock, so silos' clocks do not matter) and no other
/// merge runs (a silo whose tick finds another's merge running skips it instead of queueing behind it on
/// the index's metapage, where the appends wait too). An empty list costs a read of one page.
/// </summary>
/// <remarks>
/// Why once for the cluster: a merge costs less per event the more it gathers (each term it adds is a
/// descent into the index, however many events share it), so two silos that each merged on their own
/// tick paid PostgreSQL 18–59 µs of wall time per event, against 5 µs when only one silo merged (single
/// emits over two silos, noisy). Three quarters: a silo's tick that comes a little early after its own
/// last merge still merges.
/// </remarks>
internal sealed partial class LogIndexMerger(NpgsqlDataSource dataSource, TimeProvider timeProvider, IOptions<PostgresOptions> options, ILogger<LogIndexMerger> logger) : BackgroundService
{
    // The terms index of every partition of the log (each partition has its own, attached to the log's);
    // none while a bulk load has dropped it. Under a transaction-level advisory lock, tried, not waited
    // for, and only when the last merge began at least @since ago: null when it is not this tick's turn,
    // else the pending-list pages merged. The CASE runs the merge only when the row was taken.
    private const string MergeSql = """
        WITH turn AS (SELECT pg_try_advisory_xact_lock(hashtext('event_log_terms merge')) AS mine),
        due AS (
            UPDATE log_index_merges SET merged_at = now()
            WHERE merged_at <= now() - @since AND (SELECT mine FROM turn)
            RETURNING merged_at
        )
        SELECT CASE WHEN EXISTS (SELECT FROM due)
                    THEN (SELECT coalesce(sum(gin_clean_pending_list(inhrelid)), 0)::bigint FROM pg_inherits WHERE inhparent = to_regclass('event_log_terms'))
               END
        """;

    /// <summary>
    /// Merges the pending lists now, unless another merge runs or one began less than <paramref name="since"/>
    /// ago: the pages merged, or null when it was not this call's turn.
    /// </summary>
    public static async Task<long?> MergeAsync(NpgsqlDataSource dataSource, TimeSpan since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(MergeSql);
        command.Parameters.AddWithValue("since", since);
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
                await MergeAsync(dataSource, every * 0.75, stoppingToken).ConfigureAwait(false);
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
