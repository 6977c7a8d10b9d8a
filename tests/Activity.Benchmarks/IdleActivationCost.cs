using System.Globalization;

namespace Activity.Benchmarks;

/// <summary>
/// Bytes of managed heap one idle activation of an empty grain keeps alive: activate N grains, force
/// full collections, and divide the growth of the live heap by N.
/// </summary>
public static class IdleActivationCost
{
    public static async Task RunAsync(int count)
    {
        using var silo = await BenchSilo.StartAsync();
        var grains = silo.Grains();

        // Warm up every code path once so JIT and caches are not counted.
        await grains.GetGrain<IEmptyGrain>("warm-up").Touch();
        var before = LiveBytes();

        for (var i = 0; i < count; i++)
        {
            await grains.GetGrain<IEmptyGrain>(i.ToString("D8", CultureInfo.InvariantCulture)).Touch();
        }

        var after = LiveBytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} idle activations of an empty grain: {(after - before) / (double)count:F0} bytes each (live heap {before / 1048576.0:F1} MB -> {after / 1048576.0:F1} MB)"));
        await silo.StopAsync();
    }

    private static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
