using Activity.Domain.Reports;

namespace Activity.Domain.Tests.Reports;

public sealed class ReportScheduleTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static ReportSchedule Schedule(string schedule, string zone = "UTC") =>
        ReportSchedule.Parse(schedule, zone) is ({ } parsed, null) ? parsed : throw new InvalidOperationException(schedule);

    [Theory]
    [InlineData("daily", "2026-11-30T08:59:00Z", "2026-11-30T09:00:00Z")]
    [InlineData("daily", "2026-11-30T09:00:00Z", "2026-12-01T09:00:00Z")]
    [InlineData("weekly", "2026-11-30T09:00:00Z", "2026-12-07T09:00:00Z")]
    [InlineData("weekly", "2026-12-30T12:00:00Z", "2027-01-04T09:00:00Z")]
    [InlineData("monthly", "2026-01-31T10:00:00Z", "2026-02-01T09:00:00Z")]
    [InlineData("monthly", "2026-12-01T09:00:00Z", "2027-01-01T09:00:00Z")]
    [InlineData("quarterly", "2026-02-15T00:00:00Z", "2026-04-01T09:00:00Z")]
    [InlineData("quarterly", "2026-10-01T09:00:00Z", "2027-01-01T09:00:00Z")]
    [InlineData("quarterly", "2026-06-30T23:59:00Z", "2026-07-01T09:00:00Z")]
    public void Named_schedules_run_at_nine_on_their_days(string schedule, string after, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next), Schedule(schedule).NextAfter(DateTimeOffset.Parse(after)));

    [Fact]
    public void Nine_in_a_zone_follows_its_daylight_saving_changes()
    {
        var newYork = Schedule("daily", "America/New_York");

        // Summer time starts on Sunday 8 March 2026: 09:00 is 14:00 UTC before, 13:00 UTC after.
        Assert.Equal(Utc(2026, 3, 7, 14), newYork.NextAfter(Utc(2026, 3, 7, 12)));
        Assert.Equal(Utc(2026, 3, 8, 13), newYork.NextAfter(Utc(2026, 3, 7, 14)));

        // It ends on Sunday 1 November 2026.
        Assert.Equal(Utc(2026, 11, 1, 14), newYork.NextAfter(Utc(2026, 10, 31, 13)));
        Assert.Equal(TimeSpan.Zero, newYork.NextAfter(Utc(2026, 10, 31, 13))!.Value.Offset);
    }

    [Fact]
    public void A_time_skipped_by_spring_forward_runs_once_at_the_end_of_the_gap_and_a_repeated_time_runs_once()
    {
        var berlin = Schedule("30 2 * * *", "Europe/Berlin");

        // 29 March 2026: 02:00 jumps to 03:00 (01:00 UTC).
        Assert.Equal(Utc(2026, 3, 29, 1), berlin.NextAfter(Utc(2026, 3, 28, 12)));

        // 25 October 2026: 02:30 happens twice; the first (00:30 UTC) runs, the second does not.
        Assert.Equal(Utc(2026, 10, 25, 0, 30), berlin.NextAfter(Utc(2026, 10, 24, 12)));
        Assert.Equal(Utc(2026, 10, 26, 1, 30), berlin.NextAfter(Utc(2026, 10, 25, 0, 30)));
    }

    [Fact]
    public void Month_ends_and_leap_days_come_only_when_the_calendar_has_them()
    {
        Assert.Equal(Utc(2026, 3, 31, 9), Schedule("0 9 31 * *").NextAfter(Utc(2026, 1, 31, 10)));
        Assert.Equal(Utc(2028, 2, 29, 9), Schedule("0 9 29 2 *").NextAfter(Utc(2026, 1, 1)));
        Assert.Equal(Utc(2032, 2, 29, 9), Schedule("0 9 29 2 *").NextAfter(Utc(2028, 2, 29, 9)));
        Assert.Equal(Utc(2028, 2, 29, 9), Schedule("daily").NextAfter(Utc(2028, 2, 28, 9)));
    }

    [Fact]
    public void After_downtime_only_the_latest_missed_slot_is_found()
    {
        var daily = Schedule("daily");

        Assert.Equal(Utc(2026, 12, 3, 9), daily.LatestBetween(Utc(2026, 12, 1, 9), Utc(2026, 12, 3, 17)));
        Assert.Equal(Utc(2026, 12, 1, 9), daily.LatestBetween(Utc(2026, 12, 1, 9), Utc(2026, 12, 1, 9)));
        Assert.Null(daily.LatestBetween(Utc(2026, 12, 1, 9, 1), Utc(2026, 12, 2, 8, 59)));
    }

    [Fact]
    public void A_slot_covers_the_time_since_the_one_before()
    {
        Assert.Equal(Utc(2026, 11, 29, 9), Schedule("daily").PreviousBefore(Utc(2026, 11, 30, 9)));
        Assert.Equal(Utc(2026, 10, 1, 9), Schedule("quarterly").PreviousBefore(Utc(2027, 1, 1, 9)));
        Assert.Equal(Utc(2026, 11, 30, 8, 59), Schedule("* * * * *").PreviousBefore(Utc(2026, 11, 30, 9)));
        Assert.Equal(Utc(2026, 2, 1, 9), Schedule("monthly").PreviousBefore(Utc(2026, 3, 1, 9)));
    }

    [Theory]
    [InlineData("hourly", "UTC", "schedule must be daily, weekly, monthly, quarterly or a five-field cron")]
    [InlineData("0 9 * *", "UTC", "five-field cron")]
    [InlineData("61 9 * * *", "UTC", "five-field cron")]
    [InlineData("", "UTC", "schedule must be daily, weekly, monthly, quarterly or a cron expression")]
    [InlineData("daily", "Mars/Olympus", "timeZone must be an IANA time zone")]
    [InlineData("daily", "", "timeZone must be")]
    public void A_bad_schedule_or_zone_says_what_is_wrong(string schedule, string zone, string says)
    {
        var (parsed, problem) = ReportSchedule.Parse(schedule, zone);

        Assert.Null(parsed);
        Assert.Contains(says, problem, StringComparison.Ordinal);
    }
}
