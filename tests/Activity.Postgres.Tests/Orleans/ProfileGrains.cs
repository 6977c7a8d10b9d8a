using Activity.Grains;

namespace Activity.Postgres.Tests.Orleans;

/// <summary>A grain with state in Activity's grain storage.</summary>
public interface IProfileGrain : IGrainWithStringKey
{
    Task SaveAsync(string name, int visits);

    Task<ProfileView> ReadAsync();
}

/// <summary>What a profile grain holds, whichever class it keeps it in.</summary>
[GenerateSerializer]
public sealed record ProfileView([property: Id(0)] string? Name, [property: Id(1)] int Visits);

/// <summary>The state class as first written.</summary>
[GenerateSerializer]
public sealed class ProfileState
{
    [Id(0)]
    public string? Name { get; set; }

    [Id(1)]
    public int Visits { get; set; }
}

/// <summary>The same state after the class was renamed (and moved): the stored rows must still read.</summary>
[GenerateSerializer]
public sealed class RenamedProfileState
{
    [Id(0)]
    public string? Name { get; set; }

    [Id(1)]
    public int Visits { get; set; }
}

public sealed class ProfileGrain([PersistentState("profile", ActivityProviders.Storage)] IPersistentState<ProfileState> state) : Grain, IProfileGrain
{
    public async Task SaveAsync(string name, int visits)
    {
        (state.State.Name, state.State.Visits) = (name, visits);
        await state.WriteStateAsync();
    }

    public Task<ProfileView> ReadAsync() => Task.FromResult(new ProfileView(state.State.Name, state.State.Visits));
}

/// <summary>A second grain class reading the same state name: what a renamed state class (or grain) meets.</summary>
public interface IRenamedProfileGrain : IGrainWithStringKey
{
    Task<ProfileView> ReadAsync();
}

public sealed class RenamedProfileGrain([PersistentState("profile", ActivityProviders.Storage)] IPersistentState<RenamedProfileState> state) : Grain, IRenamedProfileGrain
{
    public Task<ProfileView> ReadAsync() => Task.FromResult(new ProfileView(state.State.Name, state.State.Visits));
}
