namespace Activity.Runtime.State;

/// <summary>
/// A grain's durable state, shaped like Orleans' <c>IPersistentState&lt;T&gt;</c>. The runtime reads it
/// before <c>OnActivateAsync</c>. Writes carry the ETag of the last read or write: a stale ETag means
/// another activation wrote since, and the write throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The state object; a fresh <c>new TState()</c> when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>The version this activation last read or wrote, or null when no record was ever written.</summary>
    string? Etag { get; }

    /// <summary>True when storage holds a record (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    /// <summary>Reads the state again from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; throws <see cref="InconsistentStateException"/> when the ETag is stale.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the stored record and resets <see cref="State"/>; same ETag rule as writes.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>The part of a persistent state the activation drives.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
