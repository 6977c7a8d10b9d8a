using System.Globalization;
using Activity.Domain.Time;

namespace Activity.Domain.Tests.Time;

public sealed class IsoWeekTests
{
    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "2026-01")] // Thursday: week 1 holds the year's first Thursday
    [InlineData("2025-12-29T00:00:00Z", "2026-01")] // Monday of that week is still calendar 2025
    [InlineData("2025-12-28T23:59:59Z", "2025-52")] // the Sunday before
    [InlineData("2027-01-01T12:00:00Z", "2026-53")] // 2026 is a long year (starts on a Thursday)
    [InlineData("2027-01-03T23:59:59Z", "2026-53")]
    [InlineData("2027-01-04T00:00:00Z", "2027-01")]
    [InlineData("2024-12-30T00:00:00Z", "2025-01")] // calendar 2024, ISO 2025
    [InlineData("2021-01-03T10:00:00Z", "2020-53")] // calendar 2021, ISO 2020
    [InlineData("2028-01-01T00:00:00Z", "2027-52")] // a Saturday
    [InlineData("2020-12-31T23:59:59Z", "2020-53")]
    public void An_instant_falls_in_its_ISO_week(string instant, string week) =>
        Assert.Equal(week, IsoWeek.Of(Parse(instant)).ToString());

    [Fact]
    public void An_instant_is_read_in_UTC_whatever_its_offset()
    {
        // Sunday evening in New York is Monday morning in UTC: the next week.
        var sundayEveningNewYork = new DateTimeOffset(2026, 1, 4, 23, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new IsoWeek(2026, 2), IsoWeek.Of(sundayEveningNewYork));
    }

    [Fact]
    public void A_week_runs_from_Monday_midnight_UTC_for_seven_days()
    {
        var week = new IsoWeek(2026, 1);

        Assert.Equal(Parse("2025-12-29T00:00:00Z"), week.Start);
        Assert.Equal(Parse("2026-01-05T00:00:00Z"), week.End);
        Assert.Equal(TimeSpan.Zero, week.Start.Offset);
    }

    [Fact]
    public void Adding_weeks_crosses_year_boundaries()
    {
        Assert.Equal(new IsoWeek(2027, 1), new IsoWeek(2026, 53).AddWeeks(1));
        Assert.Equal(new IsoWeek(2025, 52), new IsoWeek(2026, 1).AddWeeks(-1));
        Assert.Equal(new IsoWeek(2026, 53), new IsoWeek(2027, 1).AddWeeks(-1));
    }

    [Fact]
    public void Weeks_order_by_year_then_week()
    {
        var weeks = new[] { new IsoWeek(2027, 1), new IsoWeek(2026, 53), new IsoWeek(2026, 2) };

        Assert.Equal([new IsoWeek(2026, 2), new IsoWeek(2026, 53), new IsoWeek(2027, 1)], weeks.Order());
    }

    [Theory]
    [InlineData("2026-01", 2026, 1)]
    [InlineData("2026-W01", 2026, 1)]
    [InlineData("2026-w53", 2026, 53)]
    public void A_week_parses_from_its_text(string text, int year, int week)
    {
        Assert.True(IsoWeek.TryParse(text, out var parsed));
        Assert.Equal(new IsoWeek(year, week), parsed);
    }

    [Theory]
    [InlineData("2025-53")] // 2025 has 52 weeks
    [InlineData("2026-00")]
    [InlineData("26-01")]
    [InlineData("2026/01")]
    [InlineData("2026-1")]
    [InlineData("2026-X01")]
    [InlineData("")]
    [InlineData(null)]
    public void A_week_that_does_not_exist_does_not_parse(string? text) =>
        Assert.False(IsoWeek.TryParse(text, out _));

    [Fact]
    public void A_week_the_year_does_not_have_cannot_be_made()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IsoWeek(2025, 53));

        Assert.Contains("weeks 1 to 52", error.Message);
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
