namespace Activity.Grains.Retention;

/// <summary>What the retention grain stores: the period its reminder was registered with.</summary>
public sealed class RetentionState
{
    /// <summary>Zero until first registered.</summary>
    public TimeSpan Period { get; set; }
}
