namespace Activity.Grains.Telemetry;

/// <summary>What the silo measures and exports (<c>Activity:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Telemetry";

    /// <summary>The most tenants <see cref="TenantLabels"/> may name: each is a series per gauge.</summary>
    public const int MaxTenantLabels = 50;

    /// <summary>
    /// Whether the silo collects metrics and traces and serves <c>/metrics</c> (default true). Off, the
    /// instruments still exist but nothing listens to them, which costs next to nothing.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The share of traces started here that are recorded (default 0.01: one in a hundred). A trace that
    /// arrives sampled (a <c>traceparent</c> header with the sampled flag) is always recorded.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.01;

    /// <summary>
    /// Whether every grain call is a span too (Orleans' activity propagation; default false). Off, a trace
    /// still follows an emit through the commit, the feed and the stream to the SSE write (Activity
    /// carries it there itself); on, it also shows each grain call, at a cost on every call, sampled or not.
    /// </summary>
    public bool GrainCallSpans { get; set; }

    /// <summary>
    /// How many tenants, the furthest behind, get their own <c>tenant</c>-labelled series on the
    /// projection lag gauges (default 0: tenant ids are never labels; at most <see cref="MaxTenantLabels"/>).
    /// </summary>
    public int TenantLabels { get; set; }

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem() =>
        TraceSampleRatio is < 0 or > 1 ? "Activity:Telemetry:TraceSampleRatio must be between 0 and 1."
        : TenantLabels is < 0 or > MaxTenantLabels ? $"Activity:Telemetry:TenantLabels must be between 0 and {MaxTenantLabels}."
        : null;
}
