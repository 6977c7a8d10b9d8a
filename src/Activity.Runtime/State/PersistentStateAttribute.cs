namespace Activity.Runtime.State;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> and names its state.</summary>
/// <param name="stateName">Unique per grain class; part of the storage key, so keep it stable.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    /// <summary>The state's name.</summary>
    public string StateName { get; } = stateName;
}
