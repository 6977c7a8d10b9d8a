using Activity.Runtime.Grains;

namespace Activity.Runtime.State;

/// <summary>
/// A state write or clear carried an ETag that is no longer the stored one: another activation of the
/// grain wrote in between. The runtime discards the activation that saw this; the next call reloads.
/// </summary>
public sealed class InconsistentStateException(GrainId grainId, string stateName, string? expectedEtag, string? storedEtag)
    : Exception($"State '{stateName}' of grain {grainId} changed since it was read (expected ETag '{expectedEtag ?? "none"}', stored '{storedEtag ?? "none"}'); the activation is discarded and the next call reloads it.")
{
    /// <summary>The grain whose write was refused.</summary>
    public GrainId GrainId { get; } = grainId;

    /// <summary>The ETag the write carried.</summary>
    public string? ExpectedEtag { get; } = expectedEtag;

    /// <summary>The ETag storage holds, when known.</summary>
    public string? StoredEtag { get; } = storedEtag;
}
