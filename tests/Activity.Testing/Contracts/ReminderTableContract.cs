using Activity.Runtime.Grains;
using Activity.Runtime.Reminders;

namespace Activity.Testing.Contracts;

/// <summary>What every <see cref="IReminderTable"/> must do; a test class per implementation derives from it.</summary>
public abstract class ReminderTableContract
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 30, 15, 250, TimeSpan.Zero);
    private readonly GrainId _grain = new("ContractGrain", Guid.NewGuid().ToString("N"));

    /// <summary>The table under test.</summary>
    protected abstract IReminderTable Table { get; }

    [Fact]
    public async Task An_upserted_reminder_reads_back_with_its_etag()
    {
        var etag = await Table.UpsertRowAsync(new ReminderEntry(_grain, "daily", Start, TimeSpan.FromDays(1)), default);

        var row = await Table.ReadRowAsync(_grain, "daily", default);

        Assert.Equal(new ReminderEntry(_grain, "daily", Start, TimeSpan.FromDays(1), etag), row);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_schedule_and_changes_the_etag()
    {
        var first = await Table.UpsertRowAsync(new ReminderEntry(_grain, "r", Start, TimeSpan.FromMinutes(1)), default);

        var second = await Table.UpsertRowAsync(new ReminderEntry(_grain, "r", Start.AddHours(1), TimeSpan.FromMinutes(5)), default);

        Assert.NotEqual(first, second);
        var row = await Table.ReadRowAsync(_grain, "r", default);
        Assert.Equal(Start.AddHours(1), row!.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
    }

    [Fact]
    public async Task Reading_a_missing_reminder_returns_null()
    {
        Assert.Null(await Table.ReadRowAsync(_grain, "missing", default));
    }

    [Fact]
    public async Task A_grains_rows_are_only_its_own()
    {
        var other = _grain with { Key = _grain.Key + "-other" };
        await Table.UpsertRowAsync(new ReminderEntry(_grain, "a", Start, TimeSpan.FromMinutes(1)), default);
        await Table.UpsertRowAsync(new ReminderEntry(_grain, "b", Start, TimeSpan.FromMinutes(1)), default);
        await Table.UpsertRowAsync(new ReminderEntry(other, "c", Start, TimeSpan.FromMinutes(1)), default);

        var rows = await Table.ReadRowsAsync(_grain, default);

        Assert.Equal(["a", "b"], rows.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Reading_all_includes_every_grains_reminders()
    {
        var other = _grain with { Key = _grain.Key + "-other" };
        await Table.UpsertRowAsync(new ReminderEntry(_grain, "a", Start, TimeSpan.FromMinutes(1)), default);
        await Table.UpsertRowAsync(new ReminderEntry(other, "c", Start, TimeSpan.FromMinutes(1)), default);

        var all = await Table.ReadAllAsync(default);

        Assert.Contains(all, r => r.GrainId == _grain && r.Name == "a");
        Assert.Contains(all, r => r.GrainId == other && r.Name == "c");
    }

    [Fact]
    public async Task Removing_with_the_current_etag_deletes_the_reminder()
    {
        var etag = await Table.UpsertRowAsync(new ReminderEntry(_grain, "r", Start, TimeSpan.FromMinutes(1)), default);

        Assert.True(await Table.RemoveRowAsync(_grain, "r", etag, default));
        Assert.Null(await Table.ReadRowAsync(_grain, "r", default));
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_fails_and_keeps_the_reminder()
    {
        var stale = await Table.UpsertRowAsync(new ReminderEntry(_grain, "r", Start, TimeSpan.FromMinutes(1)), default);
        await Table.UpsertRowAsync(new ReminderEntry(_grain, "r", Start, TimeSpan.FromMinutes(2)), default);

        Assert.False(await Table.RemoveRowAsync(_grain, "r", stale, default));
        Assert.NotNull(await Table.ReadRowAsync(_grain, "r", default));
    }

    [Fact]
    public async Task Removing_a_missing_reminder_fails()
    {
        Assert.False(await Table.RemoveRowAsync(_grain, "missing", "1", default));
    }

    [Fact]
    public async Task A_reminder_registered_again_after_removal_never_reuses_an_old_etag()
    {
        var first = await Table.UpsertRowAsync(new ReminderEntry(_grain, "r", Start, TimeSpan.FromMinutes(1)), default);
        await Table.RemoveRowAsync(_grain, "r", first, default);

        var second = await Table.UpsertRowAsync(new ReminderEntry(_grain, "r", Start, TimeSpan.FromMinutes(1)), default);

        Assert.NotEqual(first, second);
        Assert.False(await Table.RemoveRowAsync(_grain, "r", first, default));
    }
}
