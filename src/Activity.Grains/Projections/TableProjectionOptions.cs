namespace Activity.Grains.Projections;

/// <summary>Settings of the projections the database computes (<see cref="ITableProjection"/>), bound from <c>Activity:Projections</c>.</summary>
public sealed class TableProjectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Projections";

    /// <summary>
    /// The shortest time between two applies of one tenant's projection while events keep coming: the
    /// larger the range, the less each event costs the database. A read of the projection brings it up to
    /// date first, so this is not how stale a read can be. Default 1 second.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most sequences applied in one transaction when catching up. Default 50,000.</summary>
    public int BatchSize { get; set; } = 50_000;

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem() => this switch
    {
        { FlushInterval: var f } when f < TimeSpan.Zero => "Activity:Projections:FlushInterval must be zero or more.",
        { BatchSize: < 1 } => "Activity:Projections:BatchSize must be at least 1.",
        _ => null,
    };
}
