using Activity.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Activity.Silo.Tests;

/// <summary>The real silo (Program) in memory, configured per test through settings, with its log kept.</summary>
public sealed class SiloFactory(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>What the silo logged.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>An embedded silo (in-memory everything).</summary>
    public static SiloFactory Embedded(string? adminKey = null) => new(new Dictionary<string, string?> { ["Activity:AdminKey"] = adminKey ?? "" });

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
    }
}
