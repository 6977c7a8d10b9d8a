namespace Activity.Runtime.Reminders;

/// <summary>A reminder operation could not be done as asked (for example, unregistering a reminder that changed since it was read).</summary>
public sealed class ReminderException(string message) : Exception(message);
