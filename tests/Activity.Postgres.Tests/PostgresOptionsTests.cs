using Activity.Testing;
using Microsoft.Extensions.Options;

namespace Activity.Postgres.Tests;

public sealed class PostgresOptionsTests
{
    [Fact]
    public async Task A_copy_threshold_below_one_stops_the_silo_from_starting_and_names_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ActivityCluster.StartAsync(
            settings: new Dictionary<string, string?> { ["Activity:Postgres:CopyFrom"] = "0" },
            silos: 1,
            postgres: PostgresDatabase.ServerConnectionString));

        Assert.Contains("Activity:Postgres:CopyFrom must be at least 1", error.Message);
    }
}
