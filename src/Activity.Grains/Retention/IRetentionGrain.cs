namespace Activity.Grains.Retention;

/// <summary>
/// The cluster's one retention job (key 0): a reminder runs it every <see cref="RetentionOptions.Interval"/>,
/// on whichever silo holds the reminder; <c>POST /api/admin/retention/run</c> runs it on demand. Runs
/// never overlap: a grain takes one call at a time.
/// </summary>
[Alias("activity.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or updates) the reminder; idempotent, every starting silo calls it.</summary>
    [Alias("Schedule")]
    Task ScheduleAsync();

    /// <summary>Runs retention now and says what it did.</summary>
    [Alias("Run")]
    Task<RetentionReport> RunAsync();

    /// <summary>The last run since this activation, or null.</summary>
    [Alias("LastRun")]
    Task<RetentionReport?> LastRunAsync();
}

/// <summary>One run of the retention job.</summary>
/// <param name="StartedAt">When it started (the silo's clock; events expired before that UTC day went).</param>
/// <param name="DurationMs">How long it took.</param>
/// <param name="Silo">Where it ran.</param>
/// <param name="Result">What it removed.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.RetentionReport")]
public sealed record RetentionReport(DateTimeOffset StartedAt, long DurationMs, string Silo, RetentionResult Result);
