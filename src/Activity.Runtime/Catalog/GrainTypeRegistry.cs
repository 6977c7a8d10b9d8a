using System.Collections.Frozen;
using Activity.Runtime.Grains;

namespace Activity.Runtime.Catalog;

/// <summary>Which class serves which grain interface, fixed when the silo is built.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<Type, GrainInterface> _interfaces;
    private readonly FrozenDictionary<string, GrainInterface> _interfacesByName;
    private readonly FrozenDictionary<string, GrainClass> _classes;

    public GrainTypeRegistry(IEnumerable<Type> grainClasses)
    {
        var interfaces = new Dictionary<Type, GrainInterface>();
        var classes = new Dictionary<string, GrainClass>(StringComparer.Ordinal);
        foreach (var type in grainClasses.Distinct())
        {
            var grainClass = new GrainClass(type);
            if (!classes.TryAdd(grainClass.Name, grainClass))
            {
                throw new InvalidOperationException($"Grain classes {classes[grainClass.Name].Type.FullName} and {type.FullName} share the grain type name '{grainClass.Name}'; give one a [GrainType(\"...\")].");
            }

            foreach (var grainInterface in type.GetInterfaces().Where(IsGrainInterface))
            {
                if (interfaces.TryGetValue(grainInterface, out var existing))
                {
                    throw new InvalidOperationException($"Grain interface {grainInterface.Name} is implemented by both {existing.Class.Type.Name} and {type.Name}; a grain interface needs exactly one class.");
                }

                interfaces.Add(grainInterface, new GrainInterface(grainInterface, grainClass));
            }
        }

        _interfaces = interfaces.ToFrozenDictionary();
        _interfacesByName = interfaces.Values.ToFrozenDictionary(i => i.Type.FullName!, StringComparer.Ordinal);
        _classes = classes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every registered grain class.</summary>
    public IEnumerable<GrainClass> Classes => _classes.Values;

    /// <summary>The interface binding; throws with the fix when no class implements it.</summary>
    public GrainInterface GetInterface(Type interfaceType) =>
        _interfaces.TryGetValue(interfaceType, out var grainInterface)
            ? grainInterface
            : throw new InvalidOperationException($"No registered grain class implements {interfaceType.Name}; add it with AddGrain<TInterface, TGrain>() or AddGrainsFromAssembly().");

    /// <summary>The interface binding by the interface's full name (what remote callers send), or null.</summary>
    public GrainInterface? FindInterface(string fullName) => _interfacesByName.GetValueOrDefault(fullName);

    /// <summary>The class of a grain type name; throws when unknown.</summary>
    public GrainClass GetClass(string grainType) =>
        _classes.TryGetValue(grainType, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No registered grain class has the grain type name '{grainType}'.");

    private static bool IsGrainInterface(Type type) =>
        typeof(IGrainWithStringKey).IsAssignableFrom(type) && type != typeof(IGrainWithStringKey);
}
