using Activity.Runtime.Grains;
using Activity.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Activity.Testing;

/// <summary>A real silo host (no HTTP) with a fake clock and an event log, for runtime and grain tests.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host, FakeTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    /// <summary>The silo's clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The grain factory.</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The event log test grains write to.</summary>
    public EventLog Log => Services.GetRequiredService<EventLog>();

    /// <summary>Builds and starts a silo serving <paramref name="grains"/>.</summary>
    public static async Task<TestSilo> StartAsync(
        Action<GrainRuntimeBuilder> grains,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null,
        FakeTimeProvider? time = null,
        EventLog? log = null)
    {
        time ??= new FakeTimeProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(log ?? new EventLog());
        builder.Services.AddGrainRuntime(grains);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, time);
    }

    /// <summary>Stops the silo gracefully: every activation is deactivated before this returns.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
