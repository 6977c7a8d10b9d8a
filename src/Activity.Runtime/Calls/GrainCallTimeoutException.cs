using Activity.Runtime.Grains;

namespace Activity.Runtime.Calls;

/// <summary>A grain call did not complete within the call timeout (<c>Activity:Runtime:CallTimeout</c>).</summary>
public sealed class GrainCallTimeoutException(GrainId grainId, string method, TimeSpan timeout)
    : TimeoutException($"Call to {method} on grain {grainId} did not complete within {timeout.TotalSeconds:0.###} s. The grain may be busy with a long call; the call still runs there.")
{
    /// <summary>The grain that was called.</summary>
    public GrainId GrainId { get; } = grainId;
}
