namespace Activity.Grains.Ingest;

/// <summary>The event log cannot be written right now (the database is down, say); nothing was stored.</summary>
public sealed class IngestUnavailableException(string message, Exception inner) : Exception(message, inner);
