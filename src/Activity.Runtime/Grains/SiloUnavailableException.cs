namespace Activity.Runtime.Grains;

/// <summary>The silo cannot take the call: it is shutting down or has not started.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
