using Activity.Runtime.Grains;
using Activity.Testing;
using Activity.Testing.Grains;

namespace Activity.Runtime.Tests;

public sealed class ReminderTests
{
    [Fact]
    public async Task A_reminder_fires_at_its_due_time_and_then_every_period()
    {
        await using var silo = await StartAsync();
        await silo.Grains.GetGrain<IReminderGrain>("a").Register("r", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

        silo.Time.Advance(TimeSpan.FromSeconds(10));
        await silo.Log.WaitForAsync("tick:a:r:09:00:10");
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await silo.Log.WaitForAsync("tick:a:r:09:01:10");
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await silo.Log.WaitForAsync("tick:a:r:09:02:10");
    }

    [Fact]
    public async Task A_reminder_activates_its_grain_when_the_grain_is_not_active()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IReminderGrain>("a");
        await grain.Register("r", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await grain.Leave();
        await silo.Log.WaitForAsync("deactivate:a");

        silo.Time.Advance(TimeSpan.FromMinutes(1));

        await silo.Log.WaitForAsync("tick:a:r:09:01:00");
        Assert.Equal(2, silo.Log.Count("activate:a"));
    }

    [Fact]
    public async Task An_unregistered_reminder_stops_firing()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IReminderGrain>("a");
        await grain.Register("r", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await silo.Log.WaitForAsync("tick:a:r:09:01:00");

        await grain.Unregister("r");
        silo.Time.Advance(TimeSpan.FromMinutes(5));

        // A tick would have been queued to the grain during Advance; this call runs after any such tick.
        Assert.Empty(await grain.Names());
        Assert.Equal(1, silo.Log.Events.Count(e => e.StartsWith("tick:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Registering_again_replaces_the_schedule()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IReminderGrain>("a");
        await grain.Register("r", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        await grain.Register("r", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
        silo.Time.Advance(TimeSpan.FromMinutes(10));

        await silo.Log.WaitForAsync("tick:a:r:09:10:00");
        await grain.Names();
        Assert.Equal(["tick:a:r:09:10:00"], silo.Log.Events.Where(e => e.StartsWith("tick:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_grain_lists_its_reminders()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IReminderGrain>("a");
        await grain.Register("daily", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await grain.Register("hourly", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await silo.Grains.GetGrain<IReminderGrain>("b").Register("other", TimeSpan.FromHours(1), TimeSpan.FromHours(1));

        Assert.Equal(["daily", "hourly"], (await grain.Names()).Order());
    }

    [Fact]
    public async Task A_period_under_one_second_is_refused_with_a_clear_error()
    {
        await using var silo = await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            silo.Grains.GetGrain<IReminderGrain>("a").Register("fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(500)));

        Assert.Contains("at least 1 s", error.Message);
        Assert.Contains("grain timer", error.Message);
    }

    [Fact]
    public async Task A_grain_that_is_not_remindable_cannot_register_a_reminder()
    {
        await using var silo = await StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<IForgetfulGrain>("a").Register());

        Assert.Contains("IRemindable", error.Message);
    }

    private static Task<TestSilo> StartAsync() =>
        TestSilo.StartAsync(grains => grains.AddGrain<ReminderGrain>().AddGrain<ForgetfulGrain>());
}

public interface IForgetfulGrain : IGrainWithStringKey
{
    Task Register();
}

public sealed class ForgetfulGrain : Grain, IForgetfulGrain
{
    public Task Register() => RegisterOrUpdateReminder("r", TimeSpan.Zero, TimeSpan.FromMinutes(1));
}
