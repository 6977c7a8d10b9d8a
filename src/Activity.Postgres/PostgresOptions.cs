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
}
