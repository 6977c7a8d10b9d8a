namespace Activity.Grains.Ingest;

/// <summary>
/// The event log refused the events' data (PostgreSQL raised a data error); nothing of them was
/// stored, and sending them unchanged fails again.
/// </summary>
public sealed class EventsRejectedException(string message, Exception inner) : Exception(message, inner);
