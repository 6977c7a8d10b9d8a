using Activity.Domain.Analytics;
using Activity.Grains.Ingest;
using Activity.Grains.Tenants;
using Activity.Postgres.Analytics;
using Activity.Postgres.Ingest;
using Activity.Postgres.Retention;
using Activity.Postgres.Tenants;
using Orleans.Storage;

namespace Activity.Postgres.Tests;

/// <summary>
/// The analytics projection (sql/012) where the log loses events: a dropped expiry week, an erased person,
/// a changed retention. What the values read afterwards must equal is what the log still keeps. (That the
/// projection computes the values is the analytics contract's random histories, PostgresAnalyticsQueriesTests.)
/// </summary>
public sealed class AnalyticsProjectionTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateOnly January = new(2026, 1, 1);
    private readonly PostgresEventLog _log = new(database.DataSource);
    private readonly PostgresAnalyticsQueries _queries = new(database.DataSource);
    private readonly PostgresTenantStore _tenants = new(database.DataSource);

    [Fact]
    public async Task A_dropped_expiry_week_takes_its_events_off_the_analytics()
    {
        var tenant = await TenantAsync();
        await AppendAsync(tenant, At(2026, 1, 5), ("vote", "ann", "p1"), ("view", "bob", "p2"));
        await AppendAsync(tenant, At(2026, 6, 1), ("vote", "cat", "p1"));
        Assert.Equal([new ItemRank("p1", 2, 0, 0), new ItemRank("p2", 0, 0, 1)], await TopItemsAsync(tenant));

        // Received in January with 90 days' retention: gone by the run of June 22nd.
        await new PostgresEventRetention(database.DataSource).ApplyAsync(At(2026, 6, 22), default);

        Assert.Equal([new ItemRank("p1", 1, 0, 0)], await TopItemsAsync(tenant));
        Assert.Equal(new Dictionary<DateOnly, long> { [new DateOnly(2026, 6, 1)] = 1 }, await ActiveAsync(tenant));
    }

    [Fact]
    public async Task An_erased_person_comes_off_the_analytics_and_events_after_the_erasure_stay()
    {
        var tenant = await TenantAsync();
        await AppendAsync(tenant, At(2026, 6, 1), ("vote", "ann", "p1"), ("comment", "ann", "p1"), ("vote", "bob", "p1"), ("view", "ann", "p2"));
        Assert.Equal(2, (await ActiveAsync(tenant))[new DateOnly(2026, 6, 1)]);

        await _log.EraseUserAsync(tenant, "ann", through: 4, default);
        await AppendAsync(tenant, At(2026, 6, 2), ("view", "ann", "p3"));

        Assert.Equal([new ItemRank("p1", 1, 0, 0), new ItemRank("p3", 0, 0, 1)], await TopItemsAsync(tenant));
        Assert.Equal(2, (await ActiveAsync(tenant))[new DateOnly(2026, 6, 1)]);
    }

    [Fact]
    public async Task A_changed_retention_starts_the_analytics_over_from_what_the_log_keeps()
    {
        var tenant = await TenantAsync();
        await AppendAsync(tenant, At(2026, 5, 1), ("vote", "ann", "p1"));
        await AppendAsync(tenant, At(2026, 6, 10), ("vote", "bob", "p1"), ("vote", "cat", "p2"));
        Assert.Equal(2, (await TopItemsAsync(tenant))[0].Votes);

        await _tenants.SetRetentionAsync(tenant, 20, At(2026, 6, 12), default);
        await new PostgresEventRetention(database.DataSource).ApplyAsync(At(2026, 6, 15), default);

        Assert.Equal([new ItemRank("p1", 1, 0, 0), new ItemRank("p2", 1, 0, 0)], await TopItemsAsync(tenant));
        Assert.Equal(new Dictionary<DateOnly, long> { [new DateOnly(2026, 6, 1)] = 2 }, await ActiveAsync(tenant));
    }

    [Fact]
    public async Task A_range_another_writer_applied_is_refused_and_nothing_counts_twice()
    {
        var tenant = await TenantAsync();
        await AppendAsync(tenant, At(2026, 6, 1), ("vote", "ann", "p1"));
        var tables = new AnalyticsTables(database.DataSource);
        await tables.ApplyAsync(tenant, 0, 1, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => tables.ApplyAsync(tenant, 0, 1, default));

        Assert.Equal(1, await tables.CheckpointAsync(tenant, default));
        Assert.Equal([new ItemRank("p1", 1, 0, 0)], await TopItemsAsync(tenant));
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private async Task<string> TenantAsync()
    {
        var id = TenantKeys.NewTenantId();
        var at = At(2026, 1, 1);
        Assert.True(await _tenants.CreateAsync(new Tenant(id, "analytics-" + id, at, at), TenantKeys.Hash(TenantKeys.NewKey()), default));
        return id;
    }

    private Task AppendAsync(string tenant, DateTimeOffset at, params (string Type, string Actor, string Item)[] events) =>
        _log.AppendAsync([.. events.Select(e => new NewEvent(tenant, Guid.CreateVersion7(), e.Type, e.Actor, e.Item, null, at, at, null, null))], TimeSpan.FromDays(1), default);

    private Task<IReadOnlyList<ItemRank>> TopItemsAsync(string tenant) => _queries.TopItemsAsync(tenant, 10, null, null, default);

    private Task<IReadOnlyDictionary<DateOnly, long>> ActiveAsync(string tenant) => _queries.ActiveUsersPerMonthAsync(tenant, January, January.AddYears(1), default);
}
