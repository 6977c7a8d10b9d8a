using Activity.Runtime.Grains;
using Activity.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Activity.Benchmarks;

/// <summary>A started silo with the benchmark grains and memory storage, logging only warnings.</summary>
public static class BenchSilo
{
    public static async Task<IHost> StartAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddGrainRuntime(grains => grains.AddGrain<BenchGrain>().AddGrain<EmptyGrain>());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();
}
