using Activity.Runtime.Grains;
using Activity.Testing;

namespace Activity.Runtime.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task A_call_waits_while_the_grain_awaits_inside_an_earlier_call()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("a");
        var gate = new TaskCompletionSource();

        var held = grain.Hold("first", gate.Task);
        await silo.Log.WaitForAsync("start:first");
        var second = grain.Record("second");

        Assert.False(second.IsCompleted);
        gate.SetResult();
        await Task.WhenAll(held, second);
        Assert.Equal(["start:first", "end:first", "second"], silo.Log.Events);
    }

    [Fact]
    public async Task A_call_from_a_thread_pool_thread_does_not_run_inline_while_the_grain_is_busy()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("a");
        var gate = new TaskCompletionSource();
        var held = grain.Hold("first", gate.Task);
        await silo.Log.WaitForAsync("start:first");

        // Off the test framework's synchronization context a call to an idle grain runs inline; this
        // one must not, because the grain is inside a call.
        var second = await OffContext.Start(() => grain.Record("second"));

        Assert.False(second.IsCompleted);
        gate.SetResult();
        await Task.WhenAll(held, second);
        Assert.Equal(["start:first", "end:first", "second"], silo.Log.Events);
    }

    [Fact]
    public async Task Calls_to_one_grain_run_in_arrival_order()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("a");
        var gate = new TaskCompletionSource();
        var held = grain.Hold("first", gate.Task);
        await silo.Log.WaitForAsync("start:first");

        var calls = Enumerable.Range(1, 50).Select(i => grain.Record($"r{i}")).ToArray();
        gate.SetResult();
        await Task.WhenAll([held, .. calls]);

        Assert.Equal(["start:first", "end:first", .. Enumerable.Range(1, 50).Select(i => $"r{i}")], silo.Log.Events);
    }

    [Fact]
    public async Task Different_grains_run_at_the_same_time()
    {
        await using var silo = await StartAsync();
        var gate = new TaskCompletionSource();
        var held = silo.Grains.GetGrain<ITurnGrain>("a").Hold("a", gate.Task);
        await silo.Log.WaitForAsync("start:a");

        await silo.Grains.GetGrain<ITurnGrain>("b").Record("b");

        Assert.False(held.IsCompleted);
        gate.SetResult();
        await held;
    }

    [Fact]
    public async Task A_grain_calling_another_grain_gets_its_result()
    {
        await using var silo = await StartAsync();

        var sum = await Task.Run(() => silo.Grains.GetGrain<ITurnGrain>("a").AddVia("b", 2, 3));

        Assert.Equal(5, sum);
    }

    [Fact]
    public async Task Many_callers_on_many_threads_lose_no_call()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("counter");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await grain.Increment();
            }
        })));

        // The counter is a plain field: any two calls overlapping would lose increments.
        Assert.Equal(8000, await grain.Increment() - 1);
    }

    private static Task<TestSilo> StartAsync() => TestSilo.StartAsync(grains => grains.AddGrain<TurnGrain>());
}

public interface ITurnGrain : IGrainWithStringKey
{
    Task Hold(string name, Task gate);

    Task Record(string name);

    Task<int> Add(int a, int b);

    Task<int> AddVia(string otherKey, int a, int b);

    Task<int> Increment();
}

public sealed class TurnGrain(EventLog log) : Grain, ITurnGrain
{
    private int _counter;

    public async Task Hold(string name, Task gate)
    {
        log.Add($"start:{name}");
        await gate;
        log.Add($"end:{name}");
    }

    public Task Record(string name)
    {
        log.Add(name);
        return Task.CompletedTask;
    }

    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public Task<int> AddVia(string otherKey, int a, int b) => GrainFactory.GetGrain<ITurnGrain>(otherKey).Add(a, b);

    public async Task<int> Increment()
    {
        var value = _counter;
        await Task.Yield();
        _counter = value + 1;
        return _counter;
    }
}
