using Activity.Runtime.Grains;

namespace Activity.Runtime.State;

/// <summary>
/// Where grain state lives (memory or PostgreSQL). Every implementation passes the same contract
/// tests: versions only go up, and a write or clear with a stale ETag changes nothing and throws
/// <see cref="InconsistentStateException"/>.
/// </summary>
public interface IGrainStorage
{
    /// <summary>The stored record, or null when none was ever written.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="payload"/> (JSON) if the stored ETag equals <paramref name="etag"/> (null: no record yet); returns the new ETag.</summary>
    Task<string> WriteAsync(GrainId grainId, string stateName, string payload, string? etag, CancellationToken cancellationToken);

    /// <summary>Clears the payload under the same ETag rule; returns the new ETag (null when there was nothing to clear).</summary>
    Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken);
}

/// <summary>A stored state: its JSON payload (null once cleared) and its ETag.</summary>
/// <param name="Payload">The state as JSON, or null after a clear.</param>
/// <param name="ETag">The version, as an opaque string.</param>
public sealed record GrainStateRecord(string? Payload, string ETag);
