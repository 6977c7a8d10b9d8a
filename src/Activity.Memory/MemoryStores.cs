using Activity.Memory.Feed;
using Activity.Memory.Log;
using Activity.Memory.Reports;
using Activity.Memory.Tenants;

namespace Activity.Memory;

/// <summary>
/// One set of in-memory stores over one <see cref="MemoryTables"/>: what a silo holds in the embedded mode, or
/// what every silo of a test cluster shares, as a cluster shares its database.
/// </summary>
internal sealed class MemoryStores
{
    public MemoryStores()
    {
        EventLog = new MemoryEventLog(Tables);
        AuditLog = new MemoryAuditLog(Tables);
        Analytics = new MemoryAnalyticsQueries(Tables);
        Retention = new MemoryEventRetention(Tables, Tenants);
    }

    /// <summary>The event log's tables.</summary>
    public MemoryTables Tables { get; } = new();

    /// <summary>Tenants, keys and milestone rules.</summary>
    public MemoryTenantStore Tenants { get; } = new();

    /// <summary>Appends and reads of the event log.</summary>
    public MemoryEventLog EventLog { get; }

    /// <summary>The audit log's filters, search and per-day counts.</summary>
    public MemoryAuditLog AuditLog { get; }

    /// <summary>The analytics queries.</summary>
    public MemoryAnalyticsQueries Analytics { get; }

    /// <summary>Retention of the log.</summary>
    public MemoryEventRetention Retention { get; }

    /// <summary>Tiles, reactions, comments and change logs.</summary>
    public MemoryFeedStore Feed { get; } = new();

    /// <summary>Report runs and their files.</summary>
    public MemoryReportStore Reports { get; } = new();
}
