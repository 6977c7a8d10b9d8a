using Activity.Runtime.Grains;
using Activity.Runtime.Timers;
using Activity.Testing;

namespace Activity.Runtime.Tests;

public sealed class TimerTests
{
    [Fact]
    public async Task A_timer_ticks_at_its_due_time_and_then_every_period()
    {
        await using var silo = await StartAsync();
        await silo.Grains.GetGrain<ITimerGrain>("a").Start(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), Task.CompletedTask);

        silo.Time.Advance(TimeSpan.FromSeconds(5));
        await silo.Log.WaitForAsync("tick:1");
        silo.Time.Advance(TimeSpan.FromSeconds(10));
        await silo.Log.WaitForAsync("tick:2");
    }

    [Fact]
    public async Task A_slow_tick_delays_the_next_one_instead_of_overlapping_it()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("a");
        var gate = new TaskCompletionSource();
        await grain.Start(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), gate.Task);

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        await silo.Log.WaitForAsync("tick:1");
        silo.Time.Advance(TimeSpan.FromSeconds(10));
        var queued = grain.Ticks();
        Assert.False(queued.IsCompleted); // the tick is a turn: a call waits for it
        gate.SetResult();

        Assert.Equal(1, await queued);
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        await silo.Log.WaitForAsync("tick:2");
        Assert.Equal(2, await grain.Ticks());
    }

    [Fact]
    public async Task A_disposed_timer_stops()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("a");
        await grain.Start(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), Task.CompletedTask);
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        await silo.Log.WaitForAsync("tick:1");

        await grain.Stop();
        silo.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, await grain.Ticks());
    }

    [Fact]
    public async Task A_timer_ends_with_its_activation()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("a");
        var timersBefore = silo.Time.ActiveTimers;

        // Calls from the thread pool run inline on an idle grain, so no call-timeout timer is pending
        // while the clock's timers are counted.
        await Task.Run(() => grain.Start(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), Task.CompletedTask));
        Assert.Equal(timersBefore + 1, silo.Time.ActiveTimers);

        await Task.Run(grain.Leave);
        await silo.Log.WaitForAsync("deactivate");
        silo.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(timersBefore, silo.Time.ActiveTimers);
        Assert.Equal(0, silo.Log.Events.Count(e => e.StartsWith("tick:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Changing_a_timer_moves_its_next_tick()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("a");
        await grain.Start(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), Task.CompletedTask);

        await grain.Change(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        silo.Time.Advance(TimeSpan.FromSeconds(59));

        Assert.Equal(0, await grain.Ticks());
        silo.Time.Advance(TimeSpan.FromSeconds(1));
        await silo.Log.WaitForAsync("tick:1");
    }

    private static Task<TestSilo> StartAsync() => TestSilo.StartAsync(grains => grains.AddGrain<TimerGrain>());
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan dueTime, TimeSpan period, Task tickGate);

    Task Change(TimeSpan dueTime, TimeSpan period);

    Task Stop();

    Task<int> Ticks();

    Task Leave();
}

public sealed class TimerGrain(EventLog log) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add("deactivate");
        return Task.CompletedTask;
    }

    public Task Start(TimeSpan dueTime, TimeSpan period, Task tickGate)
    {
        _timer = RegisterGrainTimer(
            async _ =>
            {
                log.Add($"tick:{++_ticks}");
                await tickGate;
            },
            dueTime,
            period);
        return Task.CompletedTask;
    }

    public Task Change(TimeSpan dueTime, TimeSpan period)
    {
        _timer!.Change(dueTime, period);
        return Task.CompletedTask;
    }

    public Task Stop()
    {
        _timer!.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
