namespace Activity.Grains.Audit;

/// <summary>The event log read as an audit trail: filtered, searched, newest first, and counted per day.</summary>
public interface IAuditLog
{
    /// <summary>The tenant's events that pass every filter of <paramref name="query"/>, newest first, at most its limit.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// How many events of each type occurred on each UTC day from <paramref name="from"/> to
    /// <paramref name="to"/> (both included), newest day first, then by type.
    /// </summary>
    Task<IReadOnlyList<AuditDayCount>> SummaryAsync(string tenantId, DateOnly from, DateOnly to, string? type, CancellationToken cancellationToken);
}

/// <summary>What to list; null filters are not applied.</summary>
/// <param name="Type">Exactly this event type.</param>
/// <param name="ActorId">Made by this actor.</param>
/// <param name="ItemId">About this item.</param>
/// <param name="Status">With this status.</param>
/// <param name="Environment">In this environment.</param>
/// <param name="Search">Words that must all occur in the type, the details or the payload's values.</param>
/// <param name="From">Received at or after this instant.</param>
/// <param name="To">Received before this instant.</param>
/// <param name="Before">Only events with a log sequence below this (the page cursor).</param>
/// <param name="Limit">At most this many.</param>
public sealed record AuditQuery(
    string? Type = null,
    string? ActorId = null,
    string? ItemId = null,
    string? Status = null,
    string? Environment = null,
    string? Search = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? Before = null,
    int Limit = 50);

/// <summary>How many events of a type occurred on a UTC day.</summary>
public sealed record AuditDayCount(DateOnly Day, string Type, long Count);
