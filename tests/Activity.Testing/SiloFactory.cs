using Activity.Runtime.Hosting;
using Activity.Testing.Grains;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Activity.Testing;

/// <summary>
/// The real silo (Program) in memory, configured per test through settings, with its log kept, an
/// <see cref="EventLog"/>, and the test grains of <c>Activity.Testing.Grains</c> served beside its own.
/// </summary>
public sealed class SiloFactory(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The cluster key the embedded test silo uses.</summary>
    public const string TestClusterKey = "cls_test_cluster_key_0123456789";

    /// <summary>What the silo logged.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>What the test grains did.</summary>
    public EventLog Events { get; } = new();

    /// <summary>An embedded silo (in-memory everything).</summary>
    public static SiloFactory Embedded(string? adminKey = null) => new(new Dictionary<string, string?>
    {
        ["Activity:AdminKey"] = adminKey ?? "",
        ["Activity:ClusterKey"] = TestClusterKey,
    });

    /// <summary>A silo on the given PostgreSQL database.</summary>
    public static SiloFactory OnPostgres(string connectionString, string? adminKey = null) => new(new Dictionary<string, string?>
    {
        ["Activity:Postgres:ConnectionString"] = connectionString,
        ["Activity:AdminKey"] = adminKey ?? "",
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Events);
            services.AddGrainRuntime(grains => grains.AddGrain<EchoGrain>().AddGrain<CounterGrain>());
        });
    }
}
