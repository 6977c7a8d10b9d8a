namespace Activity.Grains.Projections;

/// <summary>
/// A tenant's projection grain (key: tenant id) as the ingestor, the sweep and a drain see it: the feed
/// and the dashboard router. Each follows its tenant's log with a <see cref="LogFollower{TBatch}"/>.
/// </summary>
[Alias("activity.IProjectionGrain")]
public interface IProjectionGrain : IGrainWithStringKey
{
    /// <summary>
    /// These events were just appended to the log (durable already). Returns once they are taken; nobody
    /// needs to wait for it: a lost hand-over costs a read of the log, never an event. The batch is not
    /// copied for a call within the silo: nobody changes it after handing it over.
    /// </summary>
    [Alias("Appended")]
    Task AppendedAsync([Immutable] EventBatch batch);

    /// <summary>Applies what was handed over; the grain calls itself with it, without waiting.</summary>
    [Alias("Flush")]
    Task FlushAsync();

    /// <summary>The log holds events up to <paramref name="lastSequence"/>: apply what is new (nothing, when it was applied already).</summary>
    [Alias("CatchUp")]
    Task CatchUpAsync(long lastSequence);

    /// <summary>Applies everything the log holds now and answers when done; returns how many events that was.</summary>
    [Alias("Drain")]
    Task<int> DrainAsync();
}
