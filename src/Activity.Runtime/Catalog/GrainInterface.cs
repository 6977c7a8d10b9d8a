using System.Collections.Frozen;
using System.Reflection;
using Activity.Runtime.Calls;

namespace Activity.Runtime.Catalog;

/// <summary>A grain interface bound to the class that implements it, with every callable method.</summary>
internal sealed class GrainInterface
{
    public GrainInterface(Type type, GrainClass grainClass)
    {
        if (type.IsGenericType)
        {
            throw new InvalidOperationException($"Grain interface {type.Name} is generic; grain interfaces cannot be generic.");
        }

        Type = type;
        Class = grainClass;
        Methods = new[] { type }
            .Concat(type.GetInterfaces())
            .SelectMany(i => i.GetMethods())
            .ToFrozenDictionary(m => m, GrainMethod.Create);

        // Remote callers name a method by name and argument count (cancellation tokens are not sent);
        // overloads that share both cannot be told apart, so they are not callable remotely.
        RemoteMethods = Methods.Values
            .GroupBy(m => (m.Method.Name, RemoteArity(m)))
            .Where(g => g.Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.Single());
    }

    /// <summary>The interface type.</summary>
    public Type Type { get; }

    /// <summary>The class whose activations serve it.</summary>
    public GrainClass Class { get; }

    /// <summary>Every method, including those of inherited interfaces (such as <c>IRemindable.ReceiveReminder</c>).</summary>
    public FrozenDictionary<MethodInfo, GrainMethod> Methods { get; }

    /// <summary>The methods a remote caller can reach, by name and number of sent arguments.</summary>
    public FrozenDictionary<(string Name, int Arity), GrainMethod> RemoteMethods { get; }

    /// <summary>How many arguments a remote caller sends: every parameter but cancellation tokens.</summary>
    public static int RemoteArity(GrainMethod method) =>
        method.Parameters.Count(p => p.ParameterType != typeof(CancellationToken));
}
