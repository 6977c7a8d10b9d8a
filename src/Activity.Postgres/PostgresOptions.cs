using Activity.Postgres.Ingest;

namespace Activity.Postgres;

/// <summary>PostgreSQL settings, bound from <c>Activity:Postgres</c> (env: <c>Activity__Postgres__ConnectionString</c>).</summary>
public sealed class PostgresOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Postgres";

    /// <summary>An Npgsql connection string. Empty means the embedded, in-memory silo.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a starting silo retries an unreachable database before it gives up. Default 60 s.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// From how many events one group commit goes by binary COPY instead of one INSERT. COPY costs the
    /// database less per event (10–40% in the load runs) but takes three more round trips, so a remote
    /// database under light load may answer emits sooner with a higher value. Default 32.
    /// </summary>
    public int CopyFrom { get; set; } = PostgresEventLog.DefaultCopyFrom;

    /// <summary>
    /// How often the cluster merges the log index's pending list into the index (<see cref="Ingest.LogIndexMerger"/>),
    /// so no append has to: every silo ticks at this interval, and a tick merges unless another silo's merge
    /// began within three quarters of it. Zero leaves it to the appends that fill the list, and autovacuum.
    /// Default 2 seconds.
    /// </summary>
    public TimeSpan IndexMergeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem() => this switch
    {
        { CopyFrom: < 1 } => "Activity:Postgres:CopyFrom must be at least 1.",
        { IndexMergeInterval: var i } when i < TimeSpan.Zero => "Activity:Postgres:IndexMergeInterval must be zero or more.",
        _ => null,
    };
}
