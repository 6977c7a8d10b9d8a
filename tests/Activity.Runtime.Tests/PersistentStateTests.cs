using Activity.Runtime.Grains;
using Activity.Runtime.State;
using Activity.Testing;
using Activity.Testing.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Runtime.Tests;

public sealed class PersistentStateTests
{
    private static readonly GrainId A = new(nameof(CounterGrain), "a");

    [Fact]
    public async Task State_is_read_before_OnActivateAsync()
    {
        await using var silo = await StartAsync();
        await Storage(silo).WriteAsync(A, "counter", """{"count":5}""", null, default);

        Assert.Equal(5, await silo.Grains.GetGrain<ICounterGrain>("a").Get());
        Assert.Equal(["activate:a:5"], silo.Log.Events);
    }

    [Fact]
    public async Task A_grain_with_no_stored_state_starts_from_new_state()
    {
        await using var silo = await StartAsync();

        Assert.Equal(0, await silo.Grains.GetGrain<ICounterGrain>("a").Get());
        Assert.False(await silo.Grains.GetGrain<ICounterGrain>("a").RecordExists());
    }

    [Fact]
    public async Task Written_state_outlives_the_activation()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("a");
        await grain.Increment();
        await grain.Increment();

        await grain.Leave();
        await silo.Log.WaitForAsync("deactivate:a:ApplicationRequested");

        Assert.Equal(2, await grain.Get());
        Assert.Equal(["activate:a:0", "deactivate:a:ApplicationRequested", "activate:a:2"], silo.Log.Events);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_the_call_and_the_next_call_reloads_the_state()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("a");
        await grain.Increment();

        // Another activation of the same grain (on another silo, say) writes in between.
        var stored = await Storage(silo).ReadAsync(A, "counter", default);
        await Storage(silo).WriteAsync(A, "counter", """{"count":100}""", stored!.ETag, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment());
        await silo.Log.WaitForAsync("deactivate:a:InconsistentState");
        Assert.Equal(100, await grain.Get());
        Assert.Equal(101, await grain.Increment());
    }

    [Fact]
    public async Task Clearing_state_resets_it_and_the_grain_can_write_again()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("a");
        await grain.Increment();

        await grain.Clear();

        Assert.False(await grain.RecordExists());
        Assert.Equal(1, await grain.Increment());
        Assert.Equal("""{"count":1}""", (await Storage(silo).ReadAsync(A, "counter", default))!.Payload);
    }

    [Fact]
    public async Task State_that_does_not_fit_the_state_type_fails_activation_with_a_clear_error()
    {
        await using var silo = await StartAsync();
        await Storage(silo).WriteAsync(A, "counter", """{"count":"many"}""", null, default);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<ICounterGrain>("a").Get());

        Assert.Contains("State 'counter' of grain CounterGrain/a", error.Message);
    }

    private static IGrainStorage Storage(TestSilo silo) => silo.Services.GetRequiredService<IGrainStorage>();

    private static Task<TestSilo> StartAsync() => TestSilo.StartAsync(grains => grains.AddGrain<CounterGrain>());
}
