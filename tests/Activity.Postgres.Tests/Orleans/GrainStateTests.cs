using Activity.Testing;
using Orleans.Storage;

namespace Activity.Postgres.Tests.Orleans;

/// <summary>Grain state through Orleans' ADO.NET storage on this project's schema, as Activity configures it.</summary>
public sealed class GrainStateTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    // Not a bare Guid: the provider stores a key that parses as one in its two numbers instead.
    private readonly string _key = "profile-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task State_is_plain_json_without_type_names_and_outlives_the_cluster()
    {
        await using (var first = await ActivityCluster.StartAsync(silos: 1, postgres: database.ConnectionString))
        {
            await first.Grains.GetGrain<IProfileGrain>(_key).SaveAsync("Ada", 3);
        }

        var stored = await database.Database.ScalarAsync(
            "SELECT convert_from(payload, 'UTF8')::jsonb::text FROM orleans_storage WHERE state_name = 'profile' AND key_string = @key", ("key", _key));
        Assert.Equal("""{"name": "Ada", "visits": 3}""", stored);

        await using var second = await ActivityCluster.StartAsync(silos: 1, postgres: database.ConnectionString);
        Assert.Equal(new ProfileView("Ada", 3), await second.Grains.GetGrain<IProfileGrain>(_key).ReadAsync());
    }

    [Fact]
    public async Task A_renamed_state_class_reads_the_rows_written_under_its_old_name()
    {
        await using var cluster = await ActivityCluster.StartAsync(silos: 1, postgres: database.ConnectionString);
        await cluster.Grains.GetGrain<IProfileGrain>(_key).SaveAsync("Grace", 7);

        Assert.Equal(new ProfileView("Grace", 7), await cluster.Grains.GetGrain<IRenamedProfileGrain>(_key).ReadAsync());
    }

    [Fact]
    public async Task Of_two_activations_of_one_grain_the_stale_one_cannot_write()
    {
        // Two clusters on one database: two activations of one grain, as a silo's death can briefly cause.
        await using var a = await ActivityCluster.StartAsync(silos: 1, postgres: database.ConnectionString);
        await using var b = await ActivityCluster.StartAsync(silos: 1, postgres: database.ConnectionString);
        await a.Grains.GetGrain<IProfileGrain>(_key).SaveAsync("first", 1);
        await b.Grains.GetGrain<IProfileGrain>(_key).SaveAsync("second", 2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => a.Grains.GetGrain<IProfileGrain>(_key).SaveAsync("stale", 3));

        Assert.Equal(new ProfileView("second", 2), await b.Grains.GetGrain<IProfileGrain>(_key).ReadAsync());
    }
}
