using Activity.Grains.Analytics;
using Activity.Grains.Audit;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Reports;
using Activity.Grains.Retention;
using Activity.Grains.Tenants;
using Activity.Memory.Feed;
using Activity.Memory.Log;
using Activity.Memory.Reports;
using Activity.Memory.Tenants;
using Activity.Testing.Contracts;

namespace Activity.Memory.Tests;

public sealed class MemoryEventLogTests : EventLogContract
{
    protected override IEventLog EventLog { get; } = new MemoryEventLog();
}

public sealed class MemoryFeedStoreTests : FeedStoreContract
{
    protected override IFeedStore Store { get; } = new MemoryFeedStore();
}

public sealed class MemoryTenantStoreTests : TenantStoreContract
{
    protected override ITenantStore Store { get; } = new MemoryTenantStore();
}

public sealed class MemoryAuditLogTests : AuditLogContract
{
    private readonly MemoryStores _stores = new();

    protected override IEventLog Log => _stores.EventLog;

    protected override IAuditLog Audit => _stores.AuditLog;
}

public sealed class MemoryEventRetentionTests : EventRetentionContract
{
    private readonly MemoryStores _stores = new();

    protected override IEventLog EventLog => _stores.EventLog;

    protected override ITenantStore Tenants => _stores.Tenants;

    protected override IEventRetention Retention => _stores.Retention;
}

public sealed class MemoryReportStoreTests : ReportStoreContract
{
    protected override IReportStore Store { get; } = new MemoryReportStore();
}

public sealed class MemoryAnalyticsQueriesTests : AnalyticsQueriesContract
{
    private readonly MemoryStores _stores = new();

    protected override IEventLog Log => _stores.EventLog;

    protected override IAnalyticsQueries Queries => _stores.Analytics;

    protected override Task<string> NewTenantAsync() => Task.FromResult(TenantKeys.NewTenantId());
}
