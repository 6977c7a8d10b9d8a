namespace Activity.Abstractions.Ingest;

/// <summary>The event log cannot be written right now (the database is down, the silo is stopping); nothing was stored.</summary>
[GenerateSerializer]
[Alias("activity.IngestUnavailableException")]
public sealed class IngestUnavailableException : Exception
{
    /// <summary>Says why nothing was stored.</summary>
    public IngestUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Says why nothing was stored, and what failed.</summary>
    public IngestUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
