using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Activity.Abstractions.Ingest;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Activity.Client.Tests;

/// <summary>Silo processes with TLS on their Orleans ports (Activity:Cluster:Tls), and clients with and without the certificate.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private const string Password = "test-cluster-certificate";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"activity-cluster-{Guid.NewGuid():N}.pfx");
    private X509Certificate2 _certificate = null!;
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _certificate = ClusterCertificate(_path);
        _cluster = await ProcessCluster.StartAsync(silos: 2, new Dictionary<string, string?>
        {
            ["Activity:Cluster:Tls:CertificatePath"] = _path,
            ["Activity:Cluster:Tls:CertificatePassword"] = Password,
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _certificate.Dispose();
        File.Delete(_path);
    }

    [Fact]
    public async Task Two_silos_with_tls_form_one_cluster_and_a_client_with_the_certificate_calls_grains()
    {
        using var admin = ProcessCluster.Admin(_cluster.Silos[1]);
        var silos = JsonNode.Parse(await admin.GetStringAsync("/api/admin/cluster"))!["silos"]!.AsArray();
        var (tenant, _) = await ProcessCluster.CreateTenantAsync(_cluster.Silos[0]);
        using var host = await StartClientAsync(_certificate);

        var ids = await host.Services.GetRequiredService<IClusterClient>().GetGrain<IIngestGrain>(0).EmitAsync(tenant, [new EventInput("badge_earned", "author")]);

        Assert.Equal(2, silos.Count(s => (string?)s!["status"] == "Active"));
        Assert.Single(ids);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_client_without_the_certificate_or_with_another_is_refused()
    {
        using var stranger = ClusterCertificate(path: null);

        await Assert.ThrowsAnyAsync<Exception>(() => StartClientAsync(certificate: null));
        await Assert.ThrowsAnyAsync<Exception>(() => StartClientAsync(stranger));
    }

    private async Task<IHost> StartClientAsync(X509Certificate2? certificate)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddActivityClient(o =>
        {
            o.ConnectionString = _cluster.Database.ConnectionString;
            o.ConnectTimeout = TimeSpan.FromSeconds(3);
            o.ClusterCertificate = certificate;
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    // A self-signed certificate for server and client authentication, as an operator would make one for the cluster.
    private static X509Certificate2 ClusterCertificate(string? path)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=activity-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = created.Export(X509ContentType.Pkcs12, Password);
        if (path is not null)
        {
            File.WriteAllBytes(path, pfx);
        }

        return X509CertificateLoader.LoadPkcs12(pfx, Password);
    }
}
