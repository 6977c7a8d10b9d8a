namespace Activity.Grains.Analytics.Jobs;

/// <summary>What a tenant's jobs grain stores: whether its schedule runs, each job's last run, the counts.</summary>
public sealed class AnalyticsJobsState
{
    /// <summary>Set by stop (false) and restart (true); null follows <see cref="AnalyticsOptions.AutoStart"/>.</summary>
    public bool? Running { get; set; }

    /// <summary>Each job's last run, by job id.</summary>
    public Dictionary<string, AnalyticsJobRecord> Jobs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Runs that completed.</summary>
    public long Completed { get; set; }

    /// <summary>Runs that failed.</summary>
    public long Failed { get; set; }

    /// <summary>The duration of every finished run, summed.</summary>
    public long TotalDurationMs { get; set; }

    /// <summary>When cache cleanup last ran.</summary>
    public DateTimeOffset? LastCleanup { get; set; }
}

/// <summary>One job's last run.</summary>
public sealed class AnalyticsJobRecord
{
    /// <summary>When its last run started.</summary>
    public DateTimeOffset? LastRun { get; set; }

    /// <summary>When it is due next: a wake after downtime runs it once if this passed.</summary>
    public DateTimeOffset? NextRun { get; set; }

    /// <summary>How long its last finished run took.</summary>
    public long? DurationMs { get; set; }

    /// <summary>Why its last run failed; null when it completed.</summary>
    public string? Error { get; set; }

    /// <summary>Whether it ran to the end at least once or failed (else it was only scheduled).</summary>
    public bool Finished { get; set; }
}
