using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Activity.Postgres.Tests.Orleans;

/// <summary>Orleans' own ADO.NET reminder provider against this project's schema (sql/004_orleans.sql).</summary>
public sealed class ReminderTableTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private IReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("activity", "service-" + Guid.NewGuid().ToString("N")[..8]));
        services.UseAdoNetReminderService(o => o.Configure(r => (r.Invariant, r.ConnectionString) = (PostgresSiloBuilderExtensions.Invariant, database.ConnectionString)));
        _table = services.BuildServiceProvider().GetRequiredService<IReminderTable>();
        await _table.StartAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_reminder_reads_back_as_registered_by_grain_and_by_name()
    {
        var grain = GrainId.Create("feed-sweep", "0");
        var etag = await _table.UpsertRow(Reminder(grain, "sweep", TimeSpan.FromMinutes(1)));

        var byGrain = Assert.Single((await _table.ReadRows(grain)).Reminders);
        var byName = await _table.ReadRow(grain, "sweep");

        Assert.Equal((grain, "sweep", Start, TimeSpan.FromMinutes(1), etag), (byGrain.GrainId, byGrain.ReminderName, byGrain.StartAt, byGrain.Period, byGrain.ETag));
        Assert.Equal(etag, byName!.ETag);
        Assert.Null(await _table.ReadRow(grain, "other"));
    }

    [Fact]
    public async Task Registering_again_replaces_the_reminder_with_a_new_etag_and_a_stale_etag_cannot_remove_it()
    {
        var grain = GrainId.Create("report", "daily");
        var first = (await _table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1))))!;
        var second = (await _table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromDays(40))))!;

        Assert.NotEqual(first, second);
        Assert.False(await _table.RemoveRow(grain, "tick", first));
        Assert.Equal(TimeSpan.FromDays(40), (await _table.ReadRow(grain, "tick"))!.Period);
        Assert.True(await _table.RemoveRow(grain, "tick", second));
        Assert.Empty((await _table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task A_removed_reminder_registered_again_never_gets_its_old_etag()
    {
        var grain = GrainId.Create("report", "weekly");
        var first = (await _table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1))))!;
        await _table.RemoveRow(grain, "tick", first);

        var again = await _table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));

        Assert.NotEqual(first, again);
        Assert.False(await _table.RemoveRow(grain, "tick", first));
    }

    [Fact]
    public async Task A_silo_reads_the_reminders_of_its_range_of_the_ring_also_when_the_range_wraps()
    {
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("ring", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(Reminder(grain, "r", TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (begin, end) = (hashes[10], hashes[30]);
        var inside = (await _table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).ToHashSet();
        var outside = (await _table.ReadRows(end, begin)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).ToHashSet();

        Assert.Equal(hashes.Where(h => h > begin && h <= end).ToHashSet(), inside);
        Assert.Equal(hashes.Where(h => h > end || h <= begin).ToHashSet(), outside);
        Assert.Equal(40, inside.Count + outside.Count);
    }

    private static ReminderEntry Reminder(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = Start, Period = period };
}
