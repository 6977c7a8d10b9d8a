using System.Reflection;
using Activity.Runtime.Catalog;
using Activity.Runtime.Grains;

namespace Activity.Runtime.Calls;

/// <summary>
/// The object behind a grain reference: each interface call becomes a message to the grain's
/// activation. It remembers the activation it last reached, so a steady stream of calls to one
/// grain costs no directory lookup.
/// </summary>
/// <remarks>Public and unsealed because <see cref="DispatchProxy"/> derives a type from it.</remarks>
public class GrainProxy : DispatchProxy
{
    private ActivationCatalog _catalog = null!;
    private GrainInterface _interface = null!;
    private Activation? _activation;

    /// <summary>The grain this reference points to.</summary>
    public GrainId GrainId { get; private set; }

    internal void Initialize(ActivationCatalog catalog, GrainInterface grainInterface, GrainId grainId)
    {
        _catalog = catalog;
        _interface = grainInterface;
        GrainId = grainId;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is null || !_interface.Methods.TryGetValue(targetMethod, out var method))
        {
            throw new InvalidOperationException($"{targetMethod?.Name} is not a method of grain interface {_interface.Type.Name}.");
        }

        var activation = _activation;
        if (activation is null || activation.IsDeactivated)
        {
            try
            {
                _activation = activation = _catalog.GetOrCreateActivation(GrainId, _interface.Class);
            }
            catch (Exception exception)
            {
                return method.FromException(exception);
            }
        }

        return activation.Call(method, args ?? []);
    }

    /// <summary>A reference prints as its grain id.</summary>
    public override string ToString() => $"GrainReference {GrainId}";
}
