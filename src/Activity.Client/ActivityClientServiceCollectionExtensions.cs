using Activity.Client.Emitter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Activity.Client;

/// <summary>Adds an Orleans client of an Activity cluster, and the emitter, to a service.</summary>
public static class ActivityClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IClusterClient"/> / <see cref="IGrainFactory"/> for the cluster (its gateways
    /// read from the membership table, or fixed) and <see cref="IActivityEmitter"/>. The client connects
    /// when the host starts; the emitter sends what is buffered when the host stops.
    /// </summary>
    public static IServiceCollection AddActivityClient(this IServiceCollection services, Action<ActivityClientOptions> configure)
    {
        var options = new ActivityClientOptions();
        configure(options);
        if (options.Problem() is { } problem)
        {
            throw new OptionsValidationException(nameof(ActivityClientOptions), typeof(ActivityClientOptions), [problem]);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = options.GatewayRefresh);
            if (options.Gateways.Count > 0)
            {
                client.UseStaticClustering([.. options.Gateways]);
            }
            else
            {
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", options.ConnectionString));
            }

            if (options.ClusterCertificate is { } certificate)
            {
                client.UseTls(certificate, tls =>
                {
                    // As the silos do: the cluster's own certificate is the trust.
                    tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                    tls.RemoteCertificateValidation = (remote, _, _) => remote.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span);
                    tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);
                });
            }

            client.UseConnectionRetryFilter(new ConnectRetry(options.ConnectTimeout, TimeProvider.System).ShouldRetryAsync);
        });

        services.AddSingleton(Options.Create(options.Emitter));
        services.AddSingleton<ActivityEmitter>();
        services.AddSingleton<IActivityEmitter>(sp => sp.GetRequiredService<ActivityEmitter>());
        services.AddHostedService(sp => sp.GetRequiredService<ActivityEmitter>());
        return services;
    }

    // At start, the cluster may be starting too: keep trying for a while, then let the host's start fail.
    private sealed class ConnectRetry(TimeSpan patience, TimeProvider timeProvider)
    {
        private long? _firstFailure;

        public async Task<bool> ShouldRetryAsync(Exception _, CancellationToken cancellationToken)
        {
            _firstFailure ??= timeProvider.GetTimestamp();
            if (timeProvider.GetElapsedTime(_firstFailure.Value) >= patience)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), timeProvider, cancellationToken);
            return true;
        }
    }
}
