using Activity.Domain.Feed;
using Activity.Grains.Audit;

namespace Activity.Memory.Log;

/// <summary>
/// The tables of the in-memory event log, shared by its stores (<see cref="MemoryEventLog"/>,
/// <see cref="MemoryAuditLog"/>, <see cref="MemoryAnalyticsQueries"/>, <see cref="MemoryEventRetention"/>) as
/// PostgreSQL's stores share its tables. Events are kept until retention removes them or the process
/// ends; per-day counts are kept apart so they outlive retention. Every read and write holds <see cref="Gate"/>.
/// </summary>
internal sealed class MemoryTables
{
    /// <summary>The one lock over every table.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Each tenant's events, in sequence order.</summary>
    public Dictionary<string, List<LoggedEvent>> Logs { get; } = [];

    /// <summary>Each tenant's events as the audit log shows them, in sequence order.</summary>
    public Dictionary<string, List<AuditEntry>> Audit { get; } = [];

    /// <summary>Each tenant's last sequence.</summary>
    public Dictionary<string, long> Last { get; } = [];

    /// <summary>Events per tenant, day and type.</summary>
    public Dictionary<(string Tenant, DateOnly Day, string Type), long> Daily { get; } = [];

    /// <summary>Idempotency keys: the event each named, and when.</summary>
    public Dictionary<(string Tenant, string Key), (Guid Id, DateTimeOffset At)> Keys { get; } = [];

    /// <summary>The tenant's events (an empty list, kept, for a tenant without any).</summary>
    public List<LoggedEvent> Of(string tenantId)
    {
        if (!Logs.TryGetValue(tenantId, out var events))
        {
            Logs[tenantId] = events = [];
        }

        return events;
    }

    /// <summary>The tenant's audit entries (an empty list, kept, for a tenant without any).</summary>
    public List<AuditEntry> AuditOf(string tenantId)
    {
        if (!Audit.TryGetValue(tenantId, out var entries))
        {
            Audit[tenantId] = entries = [];
        }

        return entries;
    }

    /// <summary>The index of the first event above <paramref name="after"/> in events in sequence order.</summary>
    public static int FirstAfter(List<LoggedEvent> events, long after)
    {
        int low = 0, high = events.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (events[middle].Sequence <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
