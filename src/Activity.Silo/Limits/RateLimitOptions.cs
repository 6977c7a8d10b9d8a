namespace Activity.Silo.Limits;

/// <summary>
/// How much each tenant (and each user token's user) may ask of one silo, bound from
/// <c>Activity:RateLimits</c>. Limits hold per silo: behind a load balancer that spreads a tenant over N
/// silos it may do up to N times as much. The defaults are well above what a tenant's product does in
/// normal use; they stop a runaway loop or a stolen key from taking a silo for itself.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:RateLimits";

    /// <summary>Whether the limits apply. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Emit requests (each one event or a batch of up to 1,000) per second per tenant, sustained. Default 1,000.</summary>
    public int EmitsPerSecond { get; set; } = 1_000;

    /// <summary>Emit requests a tenant may send at once above the sustained rate. Default 5,000.</summary>
    public int EmitBurst { get; set; } = 5_000;

    /// <summary>Other requests per second per tenant key (reads, reactions, comments, settings). Default 200.</summary>
    public int ReadsPerSecond { get; set; } = 200;

    /// <summary>Reads a tenant key may send at once. Default 1,000.</summary>
    public int ReadBurst { get; set; } = 1_000;

    /// <summary>Requests per second per user token's user. Default 10.</summary>
    public int UserReadsPerSecond { get; set; } = 10;

    /// <summary>Requests a user token's user may send at once. Default 50.</summary>
    public int UserReadBurst { get; set; } = 50;

    /// <summary>
    /// Expensive requests per minute per tenant: exports, audit searches (<c>q</c>), analytics values
    /// and job triggers, report runs, erasures. Default 30.
    /// </summary>
    public int ExpensivePerMinute { get; set; } = 30;

    /// <summary>Expensive requests a tenant may send at once. Default 10.</summary>
    public int ExpensiveBurst { get; set; } = 10;

    /// <summary>Open SSE streams per tenant on one silo. Default 5,000.</summary>
    public int StreamsPerTenant { get; set; } = 5_000;

    /// <summary>Open SSE streams per user token's user on one silo (a user's tabs). Default 10.</summary>
    public int StreamsPerUser { get; set; } = 10;

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem() =>
        new[] { EmitsPerSecond, EmitBurst, ReadsPerSecond, ReadBurst, UserReadsPerSecond, UserReadBurst, ExpensivePerMinute, ExpensiveBurst, StreamsPerTenant, StreamsPerUser }.Any(v => v < 1)
            ? "Every Activity:RateLimits value must be at least 1 (set Activity:RateLimits:Enabled=false to turn them off)."
            : null;
}
