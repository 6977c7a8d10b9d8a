using Microsoft.Extensions.Options;

namespace Activity.Grains.Tests.Feed;

public sealed class FeedOptionsTests
{
    [Theory]
    [InlineData("Activity:Feed:Window", "00:00:00", "Window must be positive")]
    [InlineData("Activity:Feed:Threshold", "0", "Threshold must be at least 1")]
    [InlineData("Activity:Feed:GapPatience", "-00:00:01", "GapPatience must be zero or more")]
    [InlineData("Activity:Feed:FlushInterval", "-00:00:01", "FlushInterval must be zero or more")]
    [InlineData("Activity:Feed:SweepInterval", "00:00:00.5", "SweepInterval must be at least 1 second")]
    [InlineData("Activity:Feed:StreamPullingPeriod", "00:00:00", "StreamPullingPeriod must be at least 1 millisecond")]
    public async Task A_feed_setting_out_of_range_stops_the_silo_from_starting_and_names_the_setting(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => FeedCluster.StartAsync(settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(message, error.Message);
    }
}
