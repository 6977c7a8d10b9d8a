namespace Activity.Runtime.Grains;

/// <summary>
/// Names a grain class's type. The name is part of every stored row of the grain (state, reminders),
/// so it must stay the same when the class is renamed or moved.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The stable grain type name.</summary>
    public string Name { get; } = name;
}
