namespace Activity.Client.Emitter;

/// <summary>The emitter's buffer, batches and retries.</summary>
public sealed class ActivityEmitterOptions
{
    /// <summary>The tenant <see cref="IActivityEmitter.Emit(Abstractions.Ingest.EventInput)"/> emits for (a <c>ten_...</c> id).</summary>
    public string? TenantId { get; set; }

    /// <summary>How many events may wait to be sent; beyond it the oldest are dropped (and counted). Default 10,000.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>The most events one call carries. Default 500 (a silo takes at most 1,000 per call).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The wait before the first retry of a failed call; each next wait doubles, with jitter. Default 200 ms.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between retries. Default 10 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Why these settings cannot work, or null when they can.</summary>
    public string? Problem() => this switch
    {
        { Capacity: < 1 } => "Emitter.Capacity must be at least 1.",
        { BatchSize: < 1 or > 1000 } => "Emitter.BatchSize must be 1 to 1,000.",
        { FirstRetryDelay: var d } when d <= TimeSpan.Zero => "Emitter.FirstRetryDelay must be positive.",
        { MaxRetryDelay: var m, FirstRetryDelay: var d } when m < d => "Emitter.MaxRetryDelay must be at least FirstRetryDelay.",
        _ => null,
    };
}
