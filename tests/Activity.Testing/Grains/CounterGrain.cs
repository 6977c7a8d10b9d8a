using Activity.Runtime.Grains;
using Activity.Runtime.State;

namespace Activity.Testing.Grains;

/// <summary>The state of <see cref="CounterGrain"/>.</summary>
public sealed class CounterState
{
    public int Count { get; set; }
}

/// <summary>A grain with persistent state, for state tests on memory and PostgreSQL.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Get();

    Task<int> Increment();

    Task<bool> RecordExists();

    Task Clear();

    Task Leave();
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter, EventLog log) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate:{GetPrimaryKeyString()}:{counter.State.Count}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate:{GetPrimaryKeyString()}:{reason.Code}");
        return Task.CompletedTask;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Count);

    public async Task<int> Increment()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<bool> RecordExists() => Task.FromResult(counter.RecordExists);

    public Task Clear() => counter.ClearStateAsync();

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
