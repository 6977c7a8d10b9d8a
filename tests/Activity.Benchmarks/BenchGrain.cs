using Activity.Runtime.Grains;
using Activity.Runtime.State;

namespace Activity.Benchmarks;

public interface IBenchGrain : IGrainWithStringKey
{
    Task Ping();

    Task<int> Add(int amount);

    Task<int> AddAndWrite(int amount);
}

public sealed class BenchState
{
    public int Total { get; set; }
}

/// <summary>The grain the benchmarks call: an empty method, an in-memory mutation, and a mutation written to storage.</summary>
public sealed class BenchGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IBenchGrain
{
    private int _total;

    public Task Ping() => Task.CompletedTask;

    public Task<int> Add(int amount) => Task.FromResult(_total += amount);

    public async Task<int> AddAndWrite(int amount)
    {
        state.State.Total += amount;
        await state.WriteStateAsync();
        return state.State.Total;
    }
}

/// <summary>An empty grain: what an idle activation costs with nothing of its own.</summary>
public interface IEmptyGrain : IGrainWithStringKey
{
    Task Touch();
}

public sealed class EmptyGrain : Grain, IEmptyGrain
{
    public Task Touch() => Task.CompletedTask;
}
