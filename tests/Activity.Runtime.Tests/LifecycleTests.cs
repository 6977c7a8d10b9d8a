using Activity.Runtime.Catalog;
using Activity.Runtime.Grains;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Runtime.Tests;

public sealed class LifecycleTests
{
    private static readonly GrainId A = new(nameof(LifecycleGrain), "a");

    [Fact]
    public async Task An_idle_activation_is_collected_after_the_collection_age()
    {
        await using var silo = await StartAsync();
        await silo.Grains.GetGrain<ILifecycleGrain>("a").Touch();

        silo.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.True(Catalog(silo).IsActive(A));

        silo.Time.Advance(TimeSpan.FromMinutes(2));
        await silo.Log.WaitForAsync("deactivate:a:ActivationIdle");
        Assert.False(Catalog(silo).IsActive(A));
    }

    [Fact]
    public async Task A_call_restarts_the_idle_clock()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("a");
        await grain.Touch();

        silo.Time.Advance(TimeSpan.FromMinutes(10));
        await grain.Touch();
        silo.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(Catalog(silo).IsActive(A));
        silo.Time.Advance(TimeSpan.FromMinutes(6));
        await silo.Log.WaitForAsync("deactivate:a:ActivationIdle");
    }

    [Fact]
    public async Task A_running_timer_does_not_keep_an_activation_alive()
    {
        await using var silo = await StartAsync();
        await silo.Grains.GetGrain<ILifecycleGrain>("a").StartTimer();

        // Off the test's synchronization context a tick runs inline on the clock's thread, so every
        // tick has ended (and re-armed its timer) before the clock moves on.
        await Task.Run(() => silo.Time.Advance(TimeSpan.FromMinutes(16)));

        await silo.Log.WaitForAsync("deactivate:a:ActivationIdle");
        Assert.True(silo.Log.Count("tick:a") >= 14);
    }

    [Fact]
    public async Task A_collected_grain_comes_back_on_its_next_call()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("a");
        var first = await grain.Touch();
        silo.Time.Advance(TimeSpan.FromMinutes(16));
        await silo.Log.WaitForAsync("deactivate:a:ActivationIdle");

        var second = await grain.Touch();

        Assert.NotEqual(first, second);
        Assert.Equal(2, silo.Log.Count("activate:a"));
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_call_and_the_next_call_gets_a_new_activation()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("a");
        var first = await grain.Touch();

        await grain.Leave();
        await silo.Log.WaitForAsync("deactivate:a:ApplicationRequested");

        Assert.NotEqual(first, await grain.Touch());
    }

    [Fact]
    public async Task Calls_queued_behind_DeactivateOnIdle_run_on_the_next_activation()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("a");
        var first = await grain.Touch();
        var gate = new TaskCompletionSource();

        var leaving = grain.LeaveAfter(gate.Task);
        await silo.Log.WaitForAsync("leaving:a");
        var next = grain.Touch();
        gate.SetResult();
        await leaving;

        Assert.NotEqual(first, await next);
        Assert.Equal(["activate:a", "leaving:a", "deactivate:a:ApplicationRequested", "activate:a"], silo.Log.Events);
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_activation_and_awaits_OnDeactivateAsync()
    {
        var silo = await StartAsync();
        foreach (var key in new[] { "a", "b", "c" })
        {
            await silo.Grains.GetGrain<ILifecycleGrain>(key).Touch();
        }

        await silo.StopAsync();

        // OnDeactivateAsync yields before it logs: the entries prove StopAsync waited for it.
        Assert.Equal(1, silo.Log.Count("deactivate:a:ShuttingDown"));
        Assert.Equal(1, silo.Log.Count("deactivate:b:ShuttingDown"));
        Assert.Equal(1, silo.Log.Count("deactivate:c:ShuttingDown"));
        Assert.Equal(0, Catalog(silo).Count);
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task Calls_already_queued_at_shutdown_finish_before_the_grain_deactivates()
    {
        var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("a");
        var gate = new TaskCompletionSource();
        var held = grain.Hold(gate.Task);
        await silo.Log.WaitForAsync("holding:a");
        var queued = grain.Touch();

        var stopping = silo.StopAsync();
        gate.SetResult();
        await stopping;

        await held;
        await queued;
        Assert.Equal("deactivate:a:ShuttingDown", silo.Log.Events[^1]);
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task A_stopped_silo_refuses_new_activations()
    {
        var silo = await StartAsync();
        await silo.StopAsync();

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.Grains.GetGrain<ILifecycleGrain>("late").Touch());

        Assert.Contains("shutting down", error.Message);
        await silo.DisposeAsync();
    }

    private static ActivationCatalog Catalog(TestSilo silo) => silo.Services.GetRequiredService<ActivationCatalog>();

    private static Task<TestSilo> StartAsync() => TestSilo.StartAsync(grains => grains.AddGrain<LifecycleGrain>());
}

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<Guid> Touch();

    Task Leave();

    Task LeaveAfter(Task gate);

    Task Hold(Task gate);

    Task StartTimer();
}

public sealed class LifecycleGrain(EventLog log) : Grain, ILifecycleGrain
{
    private readonly Guid _instance = Guid.NewGuid();

    private string Key => GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate:{Key}");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Task.Yield();
        log.Add($"deactivate:{Key}:{reason.Code}");
    }

    public Task<Guid> Touch() => Task.FromResult(_instance);

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task LeaveAfter(Task gate)
    {
        log.Add($"leaving:{Key}");
        await gate;
        DeactivateOnIdle();
    }

    public async Task Hold(Task gate)
    {
        log.Add($"holding:{Key}");
        await gate;
    }

    public Task StartTimer()
    {
        RegisterGrainTimer(
            _ =>
            {
                log.Add($"tick:{Key}");
                return Task.CompletedTask;
            },
            TimeSpan.FromMinutes(1),
            TimeSpan.FromMinutes(1));
        return Task.CompletedTask;
    }
}
