namespace Activity.Benchmarks;

/// <summary>A grain that does nothing: what is measured is the call.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}

/// <summary>Calls another grain in a loop, from inside the silo, as grains call grains.</summary>
public interface ICallerGrain : IGrainWithIntegerKey
{
    /// <summary>Calls <paramref name="target"/> <paramref name="calls"/> times, one after another, from <paramref name="callers"/> loops at once.</summary>
    Task<TimeSpan> CallAsync(IPingGrain target, int calls, int callers);

    Task<SiloAddress> WhereAsync();
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}

[Orleans.Concurrency.Reentrant]
public sealed class CallerGrain(ILocalSiloDetails silo) : Grain, ICallerGrain
{
    public async Task<TimeSpan> CallAsync(IPingGrain target, int calls, int callers)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            for (var i = 0; i < calls / callers; i++)
            {
                await target.PingAsync();
            }
        }));
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    public Task<SiloAddress> WhereAsync() => Task.FromResult(silo.SiloAddress);
}
