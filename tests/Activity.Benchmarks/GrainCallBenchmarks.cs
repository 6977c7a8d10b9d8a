using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Hosting;

namespace Activity.Benchmarks;

/// <summary>
/// Local grain calls. Single-caller benchmarks give the cost (latency) of one call on an idle grain;
/// the parallel ones give throughput with one caller per core, each on its own grain, and with many
/// callers contending for one grain (every call queued behind another).
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private const int CallsPerInvoke = 10_000;
    private IHost _silo = null!;
    private IBenchGrain _grain = null!;
    private IBenchGrain[] _perCore = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _silo = await BenchSilo.StartAsync();
        _grain = _silo.Grains().GetGrain<IBenchGrain>("single");
        _perCore = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(i => _silo.Grains().GetGrain<IBenchGrain>($"core-{i}"))];
        await _grain.Ping();
        await Task.WhenAll(_perCore.Select(g => g.Ping()));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
    }

    [Benchmark(Description = "empty call")]
    public Task EmptyCall() => _grain.Ping();

    [Benchmark(Description = "call mutating state in memory")]
    public Task<int> MutatingCall() => _grain.Add(1);

    [Benchmark(Description = "call writing state to memory storage")]
    public Task<int> WritingCall() => _grain.AddAndWrite(1);

    [Benchmark(Description = "empty calls, one caller per core", OperationsPerInvoke = CallsPerInvoke)]
    public Task EmptyCallsInParallel() => Task.WhenAll(_perCore.Select(grain => Task.Run(async () =>
    {
        for (var i = 0; i < CallsPerInvoke / _perCore.Length; i++)
        {
            await grain.Ping();
        }
    })));

    [Benchmark(Description = "mutating calls, one caller per core", OperationsPerInvoke = CallsPerInvoke)]
    public Task MutatingCallsInParallel() => Task.WhenAll(_perCore.Select(grain => Task.Run(async () =>
    {
        for (var i = 0; i < CallsPerInvoke / _perCore.Length; i++)
        {
            await grain.Add(1);
        }
    })));

    [Benchmark(Description = "mutating calls, 64 callers on one grain", OperationsPerInvoke = CallsPerInvoke)]
    public Task ContendedCalls() => Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
    {
        for (var i = 0; i < CallsPerInvoke / 64; i++)
        {
            await _grain.Add(1);
        }
    })));
}
