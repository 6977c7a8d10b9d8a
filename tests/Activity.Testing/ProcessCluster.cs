using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Activity.Testing;

/// <summary>
/// Silo processes on one fresh test database: a cluster as ops run one, on this machine's loopback.
/// The silos of <see cref="StartAsync"/> start at once, on the empty database.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly IDictionary<string, string?>? _settings;

    private ProcessCluster(PostgresDatabase database, IDictionary<string, string?>? settings)
    {
        Database = database;
        _settings = settings;
    }

    /// <summary>The cluster's database.</summary>
    public PostgresDatabase Database { get; }

    /// <summary>Every silo started, dead or alive, in start order.</summary>
    public List<SiloProcess> Silos { get; } = [];

    /// <summary>The silos whose process runs.</summary>
    public IEnumerable<SiloProcess> Running => Silos.Where(s => !s.HasExited);

    /// <summary>Starts <paramref name="silos"/> silos together on a new database.</summary>
    public static async Task<ProcessCluster> StartAsync(int silos, IDictionary<string, string?>? settings = null)
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        var cluster = new ProcessCluster(database, settings);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(i => cluster.AddSiloAsync($"silo{i + 1}")));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts one more silo in the cluster.</summary>
    public async Task<SiloProcess> AddSiloAsync(string? name = null)
    {
        var silo = await SiloProcess.StartAsync(name ?? $"silo{Silos.Count + 1}", Database.ConnectionString, _settings);
        lock (Silos)
        {
            Silos.Add(silo);
        }

        return silo;
    }

    /// <summary>An HTTP client of <paramref name="silo"/>, with the admin key.</summary>
    public static HttpClient Admin(SiloProcess silo)
    {
        var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloFactory.TestAdminKey);
        return client;
    }

    /// <summary>Creates a tenant through <paramref name="silo"/>; its id and API key.</summary>
    public static async Task<(string Id, string ApiKey)> CreateTenantAsync(SiloProcess silo)
    {
        using var admin = Admin(silo);
        var response = await admin.PostAsJsonAsync("/api/admin/tenants", new { name = $"tenant-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)created["id"]!, (string)created["apiKey"]!);
    }

    /// <summary>Applies every acknowledged event of the tenant, through <paramref name="silo"/>.</summary>
    public static async Task DrainAsync(SiloProcess silo, string tenantId)
    {
        using var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/activity/drain?tenantId={tenantId}");
        request.Headers.Add("x-drain-secret", SiloFactory.TestDrainSecret);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("ACTIVITY_TEST_SILO_LOGS") is { Length: > 0 } folder)
        {
            // For a failure's post-mortem: every silo's output, one file each.
            Directory.CreateDirectory(folder);
            foreach (var silo in Silos)
            {
                await File.WriteAllLinesAsync(Path.Combine(folder, $"{Database.Name}-{silo.Name}.log"), silo.Output);
            }
        }

        await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
        await Database.DisposeAsync();
    }
}
