using System.Reflection;
using Activity.Runtime.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Runtime.Hosting;

/// <summary>Declares the grain classes a silo serves.</summary>
public sealed class GrainRuntimeBuilder(IServiceCollection services)
{
    internal List<Type> GrainClasses { get; } = [];

    /// <summary>The service collection, for grains' own dependencies.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>Serves <typeparamref name="TGrain"/> (for every grain interface it implements).</summary>
    public GrainRuntimeBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        GrainClasses.Add(typeof(TGrain));
        return this;
    }

    /// <summary>Serves every concrete grain class in <paramref name="assembly"/>.</summary>
    public GrainRuntimeBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        GrainClasses.AddRange(assembly.GetTypes().Where(t =>
            t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition && typeof(Grain).IsAssignableFrom(t)));
        return this;
    }
}
