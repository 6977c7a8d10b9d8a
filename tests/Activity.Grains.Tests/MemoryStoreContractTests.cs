using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Tenants;
using Activity.Testing.Contracts;

namespace Activity.Grains.Tests;

public sealed class MemoryActivityQueueTests : ActivityQueueContract
{
    protected override IActivityQueue Queue { get; } = new MemoryActivityQueue();
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
    private readonly MemoryActivityQueue _log = new();

    protected override IActivityQueue Log => _log;

    protected override Audit.IAuditLog Audit => _log;
}

public sealed class MemoryEventRetentionTests : EventRetentionContract
{
    private readonly MemoryActivityQueue _log = new();
    private readonly MemoryTenantStore _tenants = new();

    public MemoryEventRetentionTests() => Retention = new Grains.Retention.MemoryEventRetention(_log, _tenants);

    protected override IActivityQueue Queue => _log;

    protected override ITenantStore Tenants => _tenants;

    protected override Grains.Retention.IEventRetention Retention { get; }
}

public sealed class MemoryReportStoreTests : ReportStoreContract
{
    protected override Grains.Reports.IReportStore Store { get; } = new Grains.Reports.MemoryReportStore();
}

public sealed class MemoryAnalyticsQueriesTests : AnalyticsQueriesContract
{
    private readonly MemoryActivityQueue _log = new();

    protected override IActivityQueue Log => _log;

    protected override Grains.Analytics.IAnalyticsQueries Queries => _log;

    protected override Task<string> NewTenantAsync() => Task.FromResult(TenantKeys.NewTenantId());
}
