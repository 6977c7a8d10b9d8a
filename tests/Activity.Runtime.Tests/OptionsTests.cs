using Activity.Testing;
using Microsoft.Extensions.Options;

namespace Activity.Runtime.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("Activity:Runtime:CallTimeout", "00:00:00", "CallTimeout must be positive")]
    [InlineData("Activity:Runtime:CollectionAge", "-00:01:00", "CollectionAge must be positive")]
    [InlineData("Activity:Runtime:StreamSubscriberCapacity", "0", "StreamSubscriberCapacity must be at least 1")]
    public async Task A_setting_out_of_range_stops_the_silo_from_starting_and_names_the_setting(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestSilo.StartAsync(_ => { }, settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(message, error.Message);
    }
}
