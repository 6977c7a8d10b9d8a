using System.Text.Json;
using Activity.Domain.Feed;
using Activity.Domain.Milestones;

namespace Activity.Domain.Tests.Milestones;

public sealed class MilestoneTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly MilestoneRules Streaks = MilestoneRules.Off with { Streak = new StreakRule(true) };
    private long _sequence;

    [Fact]
    public void A_run_of_seven_days_is_a_milestone_once_and_thirty_another()
    {
        var tracker = new MilestoneTracker();

        var found = Enumerable.Range(0, 35).SelectMany(day => tracker.Apply(Event("SIGN_IN", Start.AddDays(day)), Streaks)).ToList();

        Assert.Equal(["streak:7:", "streak:30:"], found.Select(m => m.Key[..(m.Key.LastIndexOf(':') + 1)]));
        Assert.Equal([7, 30], found.Select(m => (int)m.Fields["days"]));
        Assert.Equal(Start.AddDays(6), found[0].OccurredAt);
    }

    [Fact]
    public void More_events_on_a_day_and_a_broken_run_start_nothing_new()
    {
        var tracker = new MilestoneTracker();
        var days = new[] { 0, 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12 }; // day 6 missing: two runs of 6

        var found = days.SelectMany(day => tracker.Apply(Event("vote", Start.AddDays(day)), Streaks));

        Assert.Empty(found);
    }

    [Fact]
    public void A_late_event_that_joins_two_runs_crosses_once()
    {
        var tracker = new MilestoneTracker();
        foreach (var day in new[] { 0, 1, 2, 4, 5, 6 })
        {
            Assert.Empty(tracker.Apply(Event("vote", Start.AddDays(day)), Streaks));
        }

        var found = tracker.Apply(Event("vote", Start.AddDays(3)), Streaks);

        Assert.Equal(7, (int)Assert.Single(found).Fields["days"]);
        Assert.Empty(tracker.Apply(Event("vote", Start.AddDays(7)), Streaks));
    }

    [Fact]
    public void Ten_tasks_within_a_day_are_one_burst_and_the_next_day_may_have_another()
    {
        var rules = MilestoneRules.Off with { TasksBurst = new BurstRule(true, "task_completed", 10) };
        var tracker = new MilestoneTracker();

        var first = Enumerable.Range(0, 15).SelectMany(i => tracker.Apply(Event("TASK_COMPLETED", Start.AddMinutes(i * 30)), rules)).ToList();
        var others = Enumerable.Range(0, 5).SelectMany(i => tracker.Apply(Event("vote", Start.AddMinutes(i)), rules)).ToList();
        var second = Enumerable.Range(0, 10).SelectMany(i => tracker.Apply(Event("task_completed", Start.AddDays(1).AddHours(5).AddMinutes(i)), rules)).ToList();

        Assert.Equal(10, (int)Assert.Single(first).Fields["tasks"]);
        Assert.Empty(others);
        Assert.Single(second);
    }

    [Fact]
    public void Nine_tasks_a_day_apart_are_no_burst()
    {
        var rules = MilestoneRules.Off with { TasksBurst = new BurstRule(true, "task_completed", 10) };
        var tracker = new MilestoneTracker();

        var found = Enumerable.Range(0, 30).SelectMany(i => tracker.Apply(Event("task_completed", Start.AddHours(i * 3)), rules));

        Assert.Empty(found);
    }

    [Fact]
    public void Xp_crossing_thresholds_ranks_up_once_each_even_when_one_event_crosses_two()
    {
        var rules = MilestoneRules.Off with { XpRankUp = new XpRule(true, "xp", [100, 500, 1000]) };
        var tracker = new MilestoneTracker();

        var found = new[] { 60, 30, 20, 500, 5 }
            .SelectMany(xp => tracker.Apply(Event("challenge_completed", Start, new { xp }), rules))
            .Concat(tracker.Apply(Event("badge_earned", Start, new { xp = "lots" }), rules))
            .ToList();

        Assert.Equal([100L, 500L], found.Select(m => (long)m.Fields["threshold"]));
        Assert.Equal(["rank 1", "rank 2"], found.Select(m => (string)m.Fields["rank"]));
    }

    [Fact]
    public void A_milestone_stays_pending_until_its_own_event_comes_back_and_that_event_counts_for_nothing()
    {
        var tracker = new MilestoneTracker();
        var found = Enumerable.Range(0, 7).SelectMany(day => tracker.Apply(Event("vote", Start.AddDays(day)), Streaks)).ToList();
        var key = Assert.Single(tracker.Pending).Key;

        var derived = tracker.Apply(Event("streak_milestone", Start.AddDays(7), new Dictionary<string, object> { [Milestone.KeyField] = key, ["days"] = 7 }), Streaks);

        Assert.Empty(derived);
        Assert.Empty(tracker.Pending);
        Assert.Single(found);
    }

    [Fact]
    public void A_restored_tracker_goes_on_where_it_left_off()
    {
        var tracker = new MilestoneTracker();
        foreach (var day in Enumerable.Range(0, 6))
        {
            tracker.Apply(Event("vote", Start.AddDays(day)), Streaks);
        }

        var json = JsonSerializer.Serialize(tracker.ToSnapshot(), JsonSerializerOptions.Web);
        var restored = MilestoneTracker.Restore(JsonSerializer.Deserialize<MilestonesSnapshot>(json, JsonSerializerOptions.Web)!);

        Assert.Single(restored.Apply(Event("vote", Start.AddDays(6)), Streaks));
        Assert.Single(restored.Pending);
    }

    [Fact]
    public void Active_days_remember_a_span_and_shift_as_new_days_come()
    {
        var days = new ActiveDays();
        days.Add(1000);
        days.Add(1001);
        days.Add(1070);
        days.Add(1200);

        Assert.True(days.Contains(1000));
        Assert.Equal(1, days.Run(1000, +1));
        Assert.False(days.Add(1000 - ActiveDays.Span));
        days.Add(1000 + ActiveDays.Span);
        Assert.False(days.Contains(1000));
        Assert.Equal([1001, 1070, 1200, 1000 + ActiveDays.Span], days.ToList());
    }

    private LoggedEvent Event(string type, DateTimeOffset at, object? payload = null) =>
        new(Guid.NewGuid(), ++_sequence, type, "ann", null, null, at, at, payload is null ? null : JsonSerializer.SerializeToElement(payload));
}
