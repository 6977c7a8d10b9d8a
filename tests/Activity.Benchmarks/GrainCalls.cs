using System.Globalization;
using Orleans.TestingHost;

namespace Activity.Benchmarks;

/// <summary>
/// Grain call throughput on a two-silo test cluster in this process: a caller grain calls a target on
/// its own silo (a local call: no serialization of the message, no socket) or on the other silo (a
/// remote call over loopback TCP), with one loop or many at once. A timed loop, after a warm-up.
/// </summary>
internal static class GrainCalls
{
    public static async Task RunAsync(int calls)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var grains = cluster.Client;
            var caller = grains.GetGrain<ICallerGrain>(0);
            var home = await caller.WhereAsync();
            var management = grains.GetGrain<IManagementGrain>(0);
            IPingGrain? local = null, remote = null;
            for (var key = 0; local is null || remote is null; key++)
            {
                var target = grains.GetGrain<IPingGrain>(key);
                await target.PingAsync();
                var where = await management.GetActivationAddress(target);
                if (home.Equals(where))
                {
                    local ??= target;
                }
                else
                {
                    remote ??= target;
                }
            }

            foreach (var (name, target) in new[] { ("local", local), ("cross-silo", remote) })
            {
                foreach (var callers in new[] { 1, 16 })
                {
                    await caller.CallAsync(target, calls / 10, callers);
                    var elapsed = await caller.CallAsync(target, calls, callers);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-10} {callers,2} caller(s): {calls / elapsed.TotalSeconds,12:N0} calls/s, {elapsed.TotalMicroseconds / calls * callers,8:F2} us per call and caller"));
                }
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
