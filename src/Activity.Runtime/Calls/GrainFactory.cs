using System.Reflection;
using Activity.Runtime.Catalog;
using Activity.Runtime.Grains;
using Activity.Runtime.Reminders;

namespace Activity.Runtime.Calls;

/// <summary>Makes grain references: a <see cref="GrainProxy"/> for the interface, bound to the grain id.</summary>
internal sealed class GrainFactory(ActivationCatalog catalog, GrainTypeRegistry registry) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var grainInterface = registry.GetInterface(typeof(TGrainInterface));
        return Create<TGrainInterface>(grainInterface, new GrainId(grainInterface.Class.Name, key));
    }

    /// <summary>A reference used to deliver a reminder to a grain known only by its id.</summary>
    public IRemindable GetRemindable(GrainId grainId)
    {
        var grainClass = registry.GetClass(grainId.Type);
        var remindable = grainClass.Remindable
            ?? throw new InvalidOperationException($"Grain type '{grainId.Type}' does not implement IRemindable.");
        return Create<IRemindable>(remindable, grainId);
    }

    private TInterface Create<TInterface>(GrainInterface grainInterface, GrainId grainId)
    {
        var proxy = DispatchProxy.Create<TInterface, GrainProxy>();
        ((GrainProxy)(object)proxy!).Initialize(catalog, grainInterface, grainId);
        return proxy;
    }
}
