using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Activity.Testing;

/// <summary>
/// The real silo (Program) in memory, or on real Kestrel, configured per test through settings, with
/// fixed test keys, its log kept, an optional fake clock (Orleans runs on it too), and Orleans ports of
/// its own, so test silos run side by side.
/// </summary>
public sealed class SiloFactory : WebApplicationFactory<Program>
{
    /// <summary>The admin key of test silos.</summary>
    public const string TestAdminKey = "adm_test_admin_key_0123456789abcdef";

    /// <summary>The drain secret of test silos.</summary>
    public const string TestDrainSecret = "drn_test_drain_secret_0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly FakeTimeProvider? _time;
    private readonly Action<IServiceCollection>? _services;

    private SiloFactory(Dictionary<string, string?> settings, FakeTimeProvider? time, bool kestrel, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _time = time;
        _services = services;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>What the silo logged.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>The silo's clock, when a fake one was given.</summary>
    public FakeTimeProvider Time => _time ?? throw new InvalidOperationException("This silo runs on the real clock.");

    /// <summary>A client of this silo that sends the test admin key.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestAdminKey);
        return client;
    }

    /// <summary>An embedded silo (in-memory everything); <paramref name="services"/> adds to what the silo registers (an exporter, say).</summary>
    public static SiloFactory Embedded(string? adminKey = null, FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null, bool kestrel = false, Action<IServiceCollection>? services = null) =>
        new(Settings(adminKey, settings), time, kestrel, services);

    /// <summary>A silo on the given PostgreSQL database.</summary>
    public static SiloFactory OnPostgres(string connectionString, string? adminKey = null, FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var all = Settings(adminKey, settings);
        all["Activity:Postgres:ConnectionString"] = connectionString;
        return new SiloFactory(all, time, kestrel);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // Long enough for a stop on cores the other test projects keep busy (stops took 5 s and, once, over
        // 15 s in CI), short enough that a stop that hangs fails its test.
        builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30)));
        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time));
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    private static Dictionary<string, string?> Settings(string? adminKey, IDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Activity:AdminKey"] = adminKey ?? TestAdminKey,
            ["Activity:DrainSecret"] = TestDrainSecret,
            ["Orleans:Endpoints:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
