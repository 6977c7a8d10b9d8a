using Activity.Grains.Ingest;
using Activity.Grains.Retention;
using Activity.Grains.Tenants;

namespace Activity.Testing.Contracts;

/// <summary>
/// What every <see cref="IEventRetention"/> must do. Runs are weeks after the events' expiry, so an
/// implementation that removes whole expiry weeks (PostgreSQL) and one that removes by the day (memory)
/// agree. Other tests' events may share the log, so each test reads its own tenants.
/// </summary>
public abstract class EventRetentionContract
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>The log the events go to.</summary>
    protected abstract IEventLog EventLog { get; }

    /// <summary>The tenants whose retention applies.</summary>
    protected abstract ITenantStore Tenants { get; }

    /// <summary>The retention under test, over <see cref="EventLog"/> and <see cref="Tenants"/>.</summary>
    protected abstract IEventRetention Retention { get; }

    [Fact]
    public async Task Events_older_than_their_tenants_retention_go_and_the_rest_stay()
    {
        var standard = await TenantAsync();
        var short30 = await TenantAsync(retentionDays: 30);
        await AppendAsync(standard, At(2026, 1, 5), At(2026, 6, 1));
        await AppendAsync(short30, At(2026, 4, 1), At(2026, 6, 10));

        var result = await Retention.ApplyAsync(At(2026, 6, 22), default);

        Assert.True(result.EventsRemoved >= 2, $"removed {result.EventsRemoved}");
        Assert.Equal([At(2026, 6, 1)], await ReceivedAsync(standard));
        Assert.Equal([At(2026, 6, 10)], await ReceivedAsync(short30));
    }

    [Fact]
    public async Task The_log_goes_on_numbering_after_its_oldest_events_went()
    {
        var tenant = await TenantAsync();
        await AppendAsync(tenant, At(2026, 1, 5), At(2026, 1, 6));
        await Retention.ApplyAsync(At(2026, 6, 22), default);

        var appended = await EventLog.AppendAsync([Event(tenant, At(2026, 6, 22))], Day, default);

        Assert.Equal([3L], appended.Sequences);
        Assert.Equal(3, (await EventLog.HighWatersAsync(default))[tenant]);
        Assert.Equal([3L], (await EventLog.ReadAsync(tenant, 0, 10, default)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_shortened_retention_removes_the_events_it_no_longer_keeps()
    {
        var tenant = await TenantAsync();
        await AppendAsync(tenant, At(2026, 5, 1), At(2026, 6, 10));
        await Tenants.SetRetentionAsync(tenant, 20, At(2026, 6, 12), default);

        var result = await Retention.ApplyAsync(At(2026, 6, 15), default);

        Assert.True(result.EventsRemoved >= 1, $"removed {result.EventsRemoved}");
        Assert.Equal([At(2026, 6, 10)], await ReceivedAsync(tenant));
    }

    [Fact]
    public async Task A_lengthened_retention_keeps_events_the_old_one_would_have_removed()
    {
        var tenant = await TenantAsync(retentionDays: 10);
        await AppendAsync(tenant, At(2026, 6, 1));
        await Tenants.SetRetentionAsync(tenant, 60, At(2026, 6, 2), default);

        await Retention.ApplyAsync(At(2026, 6, 3), default);
        await Retention.ApplyAsync(At(2026, 7, 6), default);

        Assert.Equal([At(2026, 6, 1)], await ReceivedAsync(tenant));
    }

    [Fact]
    public async Task A_run_with_nothing_expired_removes_nothing_of_a_tenant()
    {
        var tenant = await TenantAsync();
        await AppendAsync(tenant, At(2026, 6, 1), At(2026, 6, 2));

        await Retention.ApplyAsync(At(2026, 6, 3), default);
        await Retention.ApplyAsync(At(2026, 6, 3), default);

        Assert.Equal([At(2026, 6, 1), At(2026, 6, 2)], await ReceivedAsync(tenant));
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private async Task<string> TenantAsync(int? retentionDays = null)
    {
        var id = TenantKeys.NewTenantId();
        var at = At(2026, 1, 1);
        Assert.True(await Tenants.CreateAsync(new Tenant(id, "retention-" + id, at, at), TenantKeys.Hash(TenantKeys.NewKey()), default));
        if (retentionDays is { } days)
        {
            await Tenants.SetRetentionAsync(id, days, at, default);
        }

        return id;
    }

    private async Task AppendAsync(string tenant, params DateTimeOffset[] received)
    {
        foreach (var at in received)
        {
            await EventLog.AppendAsync([Event(tenant, at)], Day, default);
        }
    }

    private async Task<DateTimeOffset[]> ReceivedAsync(string tenant) =>
        [.. (await EventLog.ReadAsync(tenant, 0, 100, default)).Select(e => e.ReceivedAt)];

    private static NewEvent Event(string tenant, DateTimeOffset at) =>
        new(tenant, Guid.CreateVersion7(), "page_view", "actor-1", null, null, at, at, null, null);
}
