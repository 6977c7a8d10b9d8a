namespace Activity.Runtime.Grains;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>No call reached the activation for longer than the collection age.</summary>
    ActivationIdle,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The silo is shutting down gracefully.</summary>
    ShuttingDown,

    /// <summary>A state write found a stale ETag: this activation's view of the state cannot be trusted.</summary>
    InconsistentState,
}

/// <summary>The reason handed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
/// <param name="Code">The kind of reason.</param>
/// <param name="Description">A sentence for logs.</param>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description)
{
    internal static readonly DeactivationReason Idle = new(DeactivationReasonCode.ActivationIdle, "The activation was idle longer than the collection age.");
    internal static readonly DeactivationReason Requested = new(DeactivationReasonCode.ApplicationRequested, "The grain called DeactivateOnIdle.");
    internal static readonly DeactivationReason Shutdown = new(DeactivationReasonCode.ShuttingDown, "The silo is shutting down.");
    internal static readonly DeactivationReason Inconsistent = new(DeactivationReasonCode.InconsistentState, "A state write found a stale ETag.");
}
