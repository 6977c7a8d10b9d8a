using System.Reflection;
using Activity.Runtime.Grains;
using Activity.Runtime.Reminders;
using Activity.Runtime.State;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Runtime.Catalog;

/// <summary>
/// A grain class and how to build it: constructor parameters come from dependency injection, except
/// those marked <see cref="PersistentStateAttribute"/>, which get state bound to the new activation.
/// </summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<Activation, IServiceProvider, object>[] _arguments;

    public GrainClass(Type type)
    {
        if (!typeof(Grain).IsAssignableFrom(type) || type.IsAbstract || type.IsGenericTypeDefinition)
        {
            throw new InvalidOperationException($"{type.Name} cannot be a grain class: it must be a concrete, non-generic class deriving from Grain.");
        }

        Type = type;
        Name = type.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? type.Name;
        _constructor = ChooseConstructor(type);
        _arguments = [.. _constructor.GetParameters().Select(ResolveArgument)];
        if (typeof(IRemindable).IsAssignableFrom(type))
        {
            Remindable = new GrainInterface(typeof(IRemindable), this);
        }
    }

    /// <summary>The class.</summary>
    public Type Type { get; }

    /// <summary>The grain type name: the first half of every <see cref="GrainId"/> of this class.</summary>
    public string Name { get; }

    /// <summary>The reminder interface bound to this class, when the class implements it.</summary>
    public GrainInterface? Remindable { get; }

    /// <summary>Builds the grain object for a new activation.</summary>
    public Grain Create(Activation activation, IServiceProvider services)
    {
        var arguments = new object[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _arguments[i](activation, services);
        }

        var grain = (Grain)_constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        grain.Activation = activation;
        return grain;
    }

    private static ConstructorInfo ChooseConstructor(Type type)
    {
        var constructors = type.GetConstructors();
        return constructors.Length switch
        {
            0 => throw new InvalidOperationException($"Grain class {type.Name} has no public constructor."),
            1 => constructors[0],
            _ => constructors.SingleOrDefault(c => c.IsDefined(typeof(ActivatorUtilitiesConstructorAttribute)))
                 ?? throw new InvalidOperationException($"Grain class {type.Name} has several public constructors; mark one [ActivatorUtilitiesConstructor]."),
        };
    }

    private Func<Activation, IServiceProvider, object> ResolveArgument(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var state = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (state is not null)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"Grain class {Type.Name}: parameter '{parameter.Name}' is marked [PersistentState] but is not an IPersistentState<T>.");
            }

            var create = PersistentStateFactory.For(type.GetGenericArguments()[0]);
            var stateName = state.StateName;
            return (activation, services) => activation.AddState(create(activation, stateName, services.GetRequiredService<IGrainStorage>()));
        }

        var grainName = Type.Name;
        return (_, services) => services.GetService(type)
            ?? throw new InvalidOperationException($"Grain class {grainName} needs a {type.Name} for constructor parameter '{parameter.Name}', and none is registered.");
    }
}
