using Activity.Runtime.Grains;
using Activity.Runtime.Reminders;

namespace Activity.Runtime.Tests;

public sealed class ReminderScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReminderEntry Hourly = new(new GrainId("G", "k"), "r", Start, TimeSpan.FromHours(1));

    [Fact]
    public void Before_the_start_the_next_tick_is_the_start() =>
        Assert.Equal(Start, Hourly.NextTickAfter(Start.AddMinutes(-5)));

    [Fact]
    public void At_a_tick_the_next_tick_is_one_period_later() =>
        Assert.Equal(Start.AddHours(1), Hourly.NextTickAfter(Start));

    [Fact]
    public void Ticks_missed_while_no_silo_ran_are_skipped_to_the_next_one_on_the_grid() =>
        Assert.Equal(Start.AddHours(6), Hourly.NextTickAfter(Start.AddHours(5).AddMinutes(59)));
}
