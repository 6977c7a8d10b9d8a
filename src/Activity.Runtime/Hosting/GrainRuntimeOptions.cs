namespace Activity.Runtime.Hosting;

/// <summary>Settings of the grain runtime, bound from <c>Activity:Runtime</c>.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Runtime";

    /// <summary>How long a caller waits for a grain call before it fails with a timeout. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may go without a call before it is collected. Default 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long <c>OnDeactivateAsync</c> may run before the activation is removed anyway. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many items a stream subscriber may fall behind before it is dropped. Default 1024.</summary>
    public int StreamSubscriberCapacity { get; set; } = 1024;

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    internal string? Problem() => this switch
    {
        { CallTimeout: var t } when t <= TimeSpan.Zero && t != Timeout.InfiniteTimeSpan => "Activity:Runtime:CallTimeout must be positive (or -00:00:00.001 for no timeout).",
        { CollectionAge: var t } when t <= TimeSpan.Zero => "Activity:Runtime:CollectionAge must be positive.",
        { CollectionQuantum: var t } when t <= TimeSpan.Zero => "Activity:Runtime:CollectionQuantum must be positive.",
        { DeactivationTimeout: var t } when t <= TimeSpan.Zero => "Activity:Runtime:DeactivationTimeout must be positive.",
        { StreamSubscriberCapacity: < 1 } => "Activity:Runtime:StreamSubscriberCapacity must be at least 1.",
        _ => null,
    };
}
