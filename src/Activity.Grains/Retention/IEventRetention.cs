namespace Activity.Grains.Retention;

/// <summary>Removes raw events past their tenant's retention from the event log (memory or PostgreSQL).</summary>
public interface IEventRetention
{
    /// <summary>
    /// Removes the events that expired before the UTC day of <paramref name="now"/>, applies retentions
    /// changed since the last run to the events already stored, and prepares what the coming days need.
    /// </summary>
    Task<RetentionResult> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What one application of retention removed.</summary>
/// <param name="EventsRemoved">Events removed from the log.</param>
/// <param name="PartitionsDropped">Expiry weeks of the log dropped whole (PostgreSQL; 0 in memory).</param>
/// <param name="TenantsRestamped">Tenants whose changed retention was applied to their stored events.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.RetentionResult")]
public sealed record RetentionResult(long EventsRemoved, int PartitionsDropped, int TenantsRestamped);
