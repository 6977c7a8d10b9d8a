using Activity.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Activity.Silo.Hosting;

/// <summary>
/// Says, once the silo is up, what it runs on and how to use it. The embedded silo is a demo, so it
/// prints its admin key; a silo on PostgreSQL prints only a hint of a configured key, because its
/// logs outlive the process and the key does not belong in them.
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    AdminKey adminKey,
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
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            LogEmbedded(logger);
            LogAdminKey(logger, adminKey.Value);
            return;
        }

        var server = new NpgsqlConnectionStringBuilder(connectionString);
        LogPostgres(logger, server.Host ?? "localhost", server.Port, server.Database ?? "(default)");
        if (adminKey.IsGenerated)
        {
            LogGeneratedAdminKey(logger, adminKey.Value);
        }
        else
        {
            LogConfiguredAdminKey(logger, adminKey.Hint);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity silo: embedded mode (one silo; in-memory state, reminders and streams; nothing survives a restart). Set Activity__Postgres__ConnectionString for durable storage.")]
    private static partial void LogEmbedded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin key (Authorization: Bearer ...): {AdminKey}")]
    private static partial void LogAdminKey(ILogger logger, string adminKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity silo: PostgreSQL at {Host}:{Port}, database {Database}")]
    private static partial void LogPostgres(ILogger logger, string host, int port, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Activity__AdminKey is configured; this silo generated one for this process only: {AdminKey}. Configure the same key on every silo.")]
    private static partial void LogGeneratedAdminKey(ILogger logger, string adminKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin key: configured ({Hint})")]
    private static partial void LogConfiguredAdminKey(ILogger logger, string hint);
}
