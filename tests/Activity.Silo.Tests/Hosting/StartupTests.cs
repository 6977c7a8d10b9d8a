using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Activity.Silo.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task The_embedded_silo_prints_the_configured_admin_key()
    {
        await using var silo = SiloFactory.Embedded(adminKey: "admin-key-from-environment-0123456789");
        silo.CreateClient();

        Assert.Contains(silo.Logs.Lines, l => l.Contains("embedded mode"));
        Assert.Contains(silo.Logs.Lines, l => l.EndsWith("Admin key (Authorization: Bearer, /api/admin): admin-key-from-environment-0123456789", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_embedded_silo_makes_up_and_prints_an_admin_key_when_none_is_configured()
    {
        await using var silo = SiloFactory.Embedded(adminKey: "");
        silo.CreateClient();

        var line = Assert.Single(silo.Logs.Lines, l => l.Contains("Admin key (Authorization: Bearer, /api/admin): "));
        var key = line[(line.IndexOf("): ", StringComparison.Ordinal) + 3)..];
        Assert.StartsWith("adm_", key);
        Assert.True(key.Length >= 32, key);
    }

    [Theory]
    [InlineData("Activity:AdminKey")]
    [InlineData("Activity:DrainSecret")]
    [InlineData("MC_API_SECRET")]
    public async Task A_configured_secret_shorter_than_32_characters_stops_the_start(string setting)
    {
        var shortSecret = new string('k', 31);
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?> { ["Activity:DrainSecret"] = "", [setting] = shortSecret });

        var refused = Assert.Throws<OptionsValidationException>(() => silo.CreateClient());

        Assert.Contains($"{setting} is 31 characters; use at least 32", refused.Message);
        Assert.DoesNotContain(shortSecret, refused.Message);
    }

    [Fact]
    public async Task A_silo_on_PostgreSQL_applies_the_migrations_and_keeps_a_configured_key_out_of_the_log()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        await using var silo = SiloFactory.OnPostgres(database.ConnectionString, adminKey: "configured-secret-key-0123456789-9876");
        silo.CreateClient();

        Assert.True((long)(await database.ScalarAsync("SELECT count(*) FROM schema_migrations"))! >= 1);
        Assert.DoesNotContain(silo.Logs.Lines, l => l.Contains("configured-secret-key-0123456789-9876"));
        Assert.Contains(silo.Logs.Lines, l => l.Contains("Admin key (Authorization: Bearer, /api/admin): configured, ending ...9876"));
        Assert.Contains(silo.Logs.Lines, l => l.Contains($"database {database.Name}"));
    }

    [Fact]
    public async Task Membership_settings_under_Orleans_Membership_override_the_tuned_failure_detection_and_probe_timeouts_stay_capped_at_twice_the_probe_timeout()
    {
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?> { ["Orleans:Membership:ProbeTimeout"] = "00:00:03" });
        silo.CreateClient();

        var options = silo.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(3), options.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(6), options.MaxProbeTimeout);
        Assert.Equal(2, options.NumMissedProbesLimit);
    }

    [Fact]
    public async Task The_tuned_failure_detection_caps_probe_timeouts_at_2_seconds()
    {
        await using var silo = SiloFactory.Embedded();
        silo.CreateClient();

        var options = silo.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(1), options.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxProbeTimeout);
    }
}
