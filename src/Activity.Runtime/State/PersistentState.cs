using System.Reflection;
using System.Text.Json;
using Activity.Runtime.Catalog;
using Activity.Runtime.Serialization;

namespace Activity.Runtime.State;

/// <summary>The state behind an <see cref="IPersistentState{TState}"/> constructor parameter: JSON in <see cref="IGrainStorage"/>.</summary>
internal sealed class PersistentState<TState>(Activation activation, string stateName, IGrainStorage storage)
    : IPersistentState<TState>, IPersistentStateLoader
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(activation.Id, stateName, cancellationToken).ConfigureAwait(false);
        var state = new TState();
        if (record?.Payload is { } payload)
        {
            try
            {
                state = JsonSerializer.Deserialize<TState>(payload, GrainJson.Options) ?? new TState();
            }
            catch (JsonException exception)
            {
                throw new InvalidOperationException($"State '{stateName}' of grain {activation.Id} is stored in a shape {typeof(TState).Name} cannot read: {exception.Message}", exception);
            }
        }

        State = state;
        Etag = record?.ETag;
        RecordExists = record?.Payload is not null;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = JsonSerializer.Serialize(State, GrainJson.Options);
        Etag = await storage.WriteAsync(activation.Id, stateName, payload, Etag, cancellationToken).ConfigureAwait(false);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        Etag = await storage.ClearAsync(activation.Id, stateName, Etag, cancellationToken).ConfigureAwait(false);
        State = new TState();
        RecordExists = false;
    }
}

/// <summary>Makes <see cref="PersistentState{TState}"/> for a state type known only at run time.</summary>
internal static class PersistentStateFactory
{
    /// <summary>A constructor of state bound to an activation, for <paramref name="stateType"/>.</summary>
    public static Func<Activation, string, IGrainStorage, IPersistentStateLoader> For(Type stateType)
    {
        if (!stateType.IsValueType && stateType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"State type {stateType.Name} needs a public parameterless constructor: it is what a grain starts from when nothing is stored.");
        }

        return typeof(PersistentStateFactory)
            .GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(stateType)
            .CreateDelegate<Func<Activation, string, IGrainStorage, IPersistentStateLoader>>();
    }

    private static IPersistentStateLoader Create<TState>(Activation activation, string stateName, IGrainStorage storage)
        where TState : new() => new PersistentState<TState>(activation, stateName, storage);
}
