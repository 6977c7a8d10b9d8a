using Activity.Runtime.Calls;
using Activity.Runtime.Grains;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Runtime.Tests;

public sealed class CallErrorTests
{
    [Fact]
    public async Task An_exception_thrown_after_an_await_reaches_the_caller_unchanged()
    {
        await using var silo = await StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<IFaultyGrain>("a").FailAsync("boom"));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task An_exception_thrown_before_any_await_reaches_the_caller_as_a_faulted_task()
    {
        await using var silo = await StartAsync();

        var call = silo.Grains.GetGrain<IFaultyGrain>("a").FailImmediately("bad argument");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => call);
        Assert.Equal("bad argument", error.Message);
    }

    [Fact]
    public async Task A_failed_call_leaves_the_activation_serving_calls()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IFaultyGrain>("a");
        var before = await grain.InstanceId();

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync("boom"));

        Assert.Equal(before, await grain.InstanceId());
    }

    [Fact]
    public async Task A_failing_OnActivateAsync_fails_the_calls_waiting_for_it_and_the_next_call_activates_afresh()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IFaultyGrain>("fail-first-activation");

        // The activation waits at the gate, so the call is certainly waiting for it when it fails.
        var waiting = grain.InstanceId();
        await silo.Log.WaitForAsync("activate:fail-first-activation");
        silo.Services.GetRequiredService<ActivationGate>().Open.SetResult();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting);
        Assert.Equal("first activation fails", error.Message);
        Assert.NotEqual(Guid.Empty, await grain.InstanceId());
        Assert.Equal(2, silo.Log.Count("activate:fail-first-activation"));
    }

    [Fact]
    public async Task A_missing_constructor_dependency_fails_the_call_with_the_parameter_name()
    {
        await using var silo = await TestSilo.StartAsync(grains => grains.AddGrain<NeedsServiceGrain>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<INeedsServiceGrain>("a").Ping());

        Assert.Contains("'service'", error.Message);
        Assert.Contains(nameof(IUnregisteredService), error.Message);
    }

    [Fact]
    public async Task A_grain_interface_with_no_grain_class_is_refused_with_the_fix()
    {
        await using var silo = await StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() => silo.Grains.GetGrain<INeedsServiceGrain>("a"));

        Assert.Contains("AddGrain", error.Message);
    }

    [Fact]
    public async Task A_grain_method_that_does_not_return_a_task_stops_the_silo_from_starting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartAsync(grains => grains.AddGrain<NotAsyncGrain>()));

        Assert.Contains("INotAsyncGrain.Count", error.Message);
        Assert.Contains("Task", error.Message);
    }

    [Fact]
    public async Task A_call_that_outlives_the_call_timeout_fails_with_a_timeout()
    {
        await using var silo = await StartAsync(callTimeout: "00:00:05");
        var grain = silo.Grains.GetGrain<IFaultyGrain>("a");
        var never = new TaskCompletionSource();

        var stuck = grain.Wait(never.Task);
        await silo.Log.WaitForAsync("waiting");
        var queued = grain.InstanceId();
        silo.Time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => stuck);
        Assert.Contains("IFaultyGrain.Wait", error.Message);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => queued);
        never.SetResult();
        Assert.NotEqual(Guid.Empty, await grain.InstanceId());
    }

    [Fact]
    public async Task An_inline_call_that_outlives_the_call_timeout_fails_with_a_timeout()
    {
        await using var silo = await StartAsync(callTimeout: "00:00:05");
        var grain = silo.Grains.GetGrain<IFaultyGrain>("a");
        await grain.InstanceId();
        var never = new TaskCompletionSource();

        var stuck = await OffContext.Start(() => grain.Wait(never.Task));
        silo.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(stuck.IsCompleted);
        silo.Time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => stuck);
        never.SetResult();
    }

    private static Task<TestSilo> StartAsync(string callTimeout = "00:00:30") =>
        TestSilo.StartAsync(
            grains => grains.AddGrain<FaultyGrain>(),
            services => services.AddSingleton(new ActivationGate(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))),
            settings: new Dictionary<string, string?> { ["Activity:Runtime:CallTimeout"] = callTimeout });
}

public interface IFaultyGrain : IGrainWithStringKey
{
    Task FailAsync(string message);

    Task FailImmediately(string message);

    Task<Guid> InstanceId();

    Task Wait(Task until);
}

/// <summary>Holds the first activation of "fail-first-activation" until the test opens it.</summary>
public sealed record ActivationGate(TaskCompletionSource Open);

public sealed class FaultyGrain(EventLog log, ActivationGate gate) : Grain, IFaultyGrain
{
    private readonly Guid _instance = Guid.NewGuid();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        log.Add($"activate:{key}");
        if (key == "fail-first-activation" && log.Count($"activate:{key}") == 1)
        {
            await gate.Open.Task;
            throw new InvalidOperationException("first activation fails");
        }
    }

    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public Task FailImmediately(string message) => throw new ArgumentException(message);

    public Task<Guid> InstanceId() => Task.FromResult(_instance);

    public async Task Wait(Task until)
    {
        log.Add("waiting");
        await until;
    }
}

public interface IUnregisteredService;

public interface INeedsServiceGrain : IGrainWithStringKey
{
    Task Ping();
}

public sealed class NeedsServiceGrain(IUnregisteredService service) : Grain, INeedsServiceGrain
{
    public Task Ping() => Task.FromResult(service);
}

public interface INotAsyncGrain : IGrainWithStringKey
{
    int Count();
}

public sealed class NotAsyncGrain : Grain, INotAsyncGrain
{
    public int Count() => 0;
}
