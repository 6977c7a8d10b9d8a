using Activity.Domain.Time;

namespace Activity.Domain.Tests.Time;

public sealed class WeekdayTests
{
    [Theory]
    [InlineData(2026, 1, 5, 1)] // Monday
    [InlineData(2026, 1, 10, 6)] // Saturday
    [InlineData(2026, 1, 11, 7)] // Sunday is 7, not 0
    public void Days_are_numbered_Monday_1_to_Sunday_7(int year, int month, int day, int iso) =>
        Assert.Equal(iso, Weekday.IsoDayOf(new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void The_day_and_date_are_read_in_UTC()
    {
        var mondayMorningInTokyo = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(9));

        Assert.Equal(7, Weekday.IsoDayOf(mondayMorningInTokyo));
        Assert.Equal(new DateOnly(2026, 1, 4), Weekday.UtcDateOf(mondayMorningInTokyo));
    }
}
