namespace Activity.Client;

/// <summary>
/// A grain call failed in the cluster with an error the client has no closer exception for. Argument,
/// invalid-operation, not-found, timeout and unavailable errors come back as their own .NET types.
/// </summary>
public sealed class RemoteGrainException(int status, string? exceptionType, string message) : Exception(message)
{
    /// <summary>The HTTP status the silo answered.</summary>
    public int Status { get; } = status;

    /// <summary>The full name of the exception the grain threw, when one did.</summary>
    public string? ExceptionType { get; } = exceptionType;
}
