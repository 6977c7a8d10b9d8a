using Activity.Grains.Audit;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Retention;
using Activity.Grains.Tenants;
using Activity.Postgres.Audit;
using Activity.Postgres.Feed;
using Activity.Postgres.Ingest;
using Activity.Postgres.Retention;
using Activity.Postgres.Tenants;
using Activity.Testing.Contracts;

namespace Activity.Postgres.Tests;

public sealed class PostgresEventLogTests(MigratedDatabase database) : EventLogContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog EventLog { get; } = new PostgresEventLog(database.DataSource);
}

public sealed class PostgresFeedStoreTests(MigratedDatabase database) : FeedStoreContract, IClassFixture<MigratedDatabase>
{
    protected override IFeedStore Store { get; } = new PostgresFeedStore(database.DataSource);
}

public sealed class PostgresTenantStoreTests(MigratedDatabase database) : TenantStoreContract, IClassFixture<MigratedDatabase>
{
    protected override ITenantStore Store { get; } = new PostgresTenantStore(database.DataSource);
}

/// <summary>The same contract with every append going by COPY, as large appends do.</summary>
public sealed class PostgresEventLogByCopyTests(MigratedDatabase database) : EventLogContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog EventLog { get; } = new PostgresEventLog(database.DataSource, copyFrom: 1);
}

public sealed class PostgresAuditLogTests(MigratedDatabase database) : AuditLogContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog Log { get; } = new PostgresEventLog(database.DataSource);

    protected override IAuditLog Audit { get; } = new PostgresAuditLog(database.DataSource);
}

/// <summary>
/// The audit contract with no newest-first scan before the terms index: every filtered query is answered
/// by event_log_terms (sql/011), as queries for rare values are.
/// </summary>
public sealed class PostgresAuditLogByIndexTests(MigratedDatabase database) : AuditLogContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog Log { get; } = new PostgresEventLog(database.DataSource);

    protected override IAuditLog Audit { get; } = new PostgresAuditLog(database.DataSource, recentWindow: 1);
}

/// <summary>The log's contract with users' reads answered by the terms index past the first event, as reads far behind are.</summary>
public sealed class PostgresEventLogByIndexTests(MigratedDatabase database) : EventLogContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog EventLog { get; } = new PostgresEventLog(database.DataSource, userWindow: 1);
}

/// <summary>The audit contract over events written by COPY, as large appends are.</summary>
public sealed class PostgresAuditLogByCopyTests(MigratedDatabase database) : AuditLogContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog Log { get; } = new PostgresEventLog(database.DataSource, copyFrom: 1);

    protected override IAuditLog Audit { get; } = new PostgresAuditLog(database.DataSource);
}

public sealed class PostgresEventRetentionTests(MigratedDatabase database) : EventRetentionContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog EventLog { get; } = new PostgresEventLog(database.DataSource);

    protected override ITenantStore Tenants { get; } = new PostgresTenantStore(database.DataSource);

    protected override IEventRetention Retention { get; } = new PostgresEventRetention(database.DataSource);
}

/// <summary>The retention contract over events written by COPY, which stamps their expiry itself.</summary>
public sealed class PostgresEventRetentionByCopyTests(MigratedDatabase database) : EventRetentionContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog EventLog { get; } = new PostgresEventLog(database.DataSource, copyFrom: 1);

    protected override ITenantStore Tenants { get; } = new PostgresTenantStore(database.DataSource);

    protected override IEventRetention Retention { get; } = new PostgresEventRetention(database.DataSource);
}

public sealed class PostgresReportStoreTests(MigratedDatabase database) : ReportStoreContract, IClassFixture<MigratedDatabase>
{
    protected override Grains.Reports.IReportStore Store { get; } = new Reports.PostgresReportStore(database.DataSource);
}

public sealed class PostgresAnalyticsQueriesTests(MigratedDatabase database) : AnalyticsQueriesContract, IClassFixture<MigratedDatabase>
{
    protected override IEventLog Log { get; } = new PostgresEventLog(database.DataSource);

    protected override Grains.Analytics.IAnalyticsQueries Queries { get; } = new Analytics.PostgresAnalyticsQueries(database.DataSource);

    protected override async Task<string> NewTenantAsync()
    {
        var id = TenantKeys.NewTenantId();
        var now = DateTimeOffset.UtcNow;
        await new PostgresTenantStore(database.DataSource).CreateAsync(new Tenant(id, id, now, now), TenantKeys.Hash(TenantKeys.NewKey()), default);
        return id;
    }
}
