using System.Collections.Frozen;
using System.Reflection;
using Activity.Runtime.Calls;

namespace Activity.Runtime.Catalog;

/// <summary>A grain interface bound to the class that implements it, with every callable method.</summary>
internal sealed class GrainInterface
{
    public GrainInterface(Type type, GrainClass grainClass)
    {
        Type = type;
        Class = grainClass;
        Methods = new[] { type }
            .Concat(type.GetInterfaces())
            .SelectMany(i => i.GetMethods())
            .ToFrozenDictionary(m => m, GrainMethod.Create);
    }

    /// <summary>The interface type.</summary>
    public Type Type { get; }

    /// <summary>The class whose activations serve it.</summary>
    public GrainClass Class { get; }

    /// <summary>Every method, including those of inherited interfaces (such as <c>IRemindable.ReceiveReminder</c>).</summary>
    public FrozenDictionary<MethodInfo, GrainMethod> Methods { get; }
}
