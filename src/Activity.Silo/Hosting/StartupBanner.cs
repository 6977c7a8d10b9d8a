using Activity.Postgres;
using Activity.Silo.Auth;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Activity.Silo.Hosting;

/// <summary>
/// Says, once the silo is up, what it runs on and how to use it. The embedded silo is a demo, so it
/// prints its keys; a silo on PostgreSQL prints only a hint of a configured key, because its logs
/// outlive the process and the key does not belong in them.
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    SiloKeys keys,
    ILocalSiloDetails silo,
    IOptions<PostgresOptions> postgres,
    ILogger<StartupBanner> logger) : IHostedService
{
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        return Task.CompletedTask;
    }

    private void Print()
    {
        var connectionString = postgres.Value.ConnectionString;
        var embedded = string.IsNullOrWhiteSpace(connectionString);
        if (embedded)
        {
            LogEmbedded(logger);
        }
        else
        {
            var server = new NpgsqlConnectionStringBuilder(connectionString);
            LogPostgres(logger, server.Host ?? "localhost", server.Port, server.Database ?? "(default)");
        }

        LogSilo(logger, silo.SiloAddress.ToParsableString(), silo.ClusterId, silo.GatewayAddress?.Endpoint.Port ?? 0);

        Print("Admin key (Authorization: Bearer, /api/admin)", "Activity__AdminKey", keys.Admin, embedded);
        Print("Drain secret (x-drain-secret, /api/activity/drain)", "Activity__DrainSecret", keys.Drain, embedded);
    }

    private void Print(string name, string setting, SiloKey key, bool embedded)
    {
        if (embedded)
        {
            LogKey(logger, name, key.Value);
        }
        else if (key.IsGenerated)
        {
            LogGeneratedKey(logger, name, setting, key.Value);
        }
        else
        {
            LogConfiguredKey(logger, name, key.Hint);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans silo {Address} of cluster {ClusterId}; Orleans clients connect to gateway port {GatewayPort} (keep it on the private network)")]
    private static partial void LogSilo(ILogger logger, string address, string clusterId, int gatewayPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity silo: embedded mode (one silo; in-memory state, reminders and streams; nothing survives a restart). Set Activity__Postgres__ConnectionString for durable storage.")]
    private static partial void LogEmbedded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name}: {Key}")]
    private static partial void LogKey(ILogger logger, string name, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity silo: PostgreSQL at {Host}:{Port}, database {Database}")]
    private static partial void LogPostgres(ILogger logger, string host, int port, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Setting} is configured; this silo generated one for this process only. {Name}: {Key}. Configure the same value on every silo.")]
    private static partial void LogGeneratedKey(ILogger logger, string name, string setting, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name}: configured, ending {Hint}")]
    private static partial void LogConfiguredKey(ILogger logger, string name, string hint);
}
