using System.Collections.Frozen;
using System.Reflection;

namespace Activity.Client;

/// <summary>The object behind a remote grain reference: each interface call becomes an HTTP call to the cluster.</summary>
/// <remarks>Public and unsealed because <see cref="DispatchProxy"/> derives a type from it.</remarks>
public class RemoteGrainProxy : DispatchProxy
{
    private ActivityClient _client = null!;
    private FrozenDictionary<MethodInfo, RemoteMethod> _methods = null!;
    private string _key = "";

    internal void Initialize(ActivityClient client, FrozenDictionary<MethodInfo, RemoteMethod> methods, string key)
    {
        _client = client;
        _methods = methods;
        _key = key;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod is not null && _methods.TryGetValue(targetMethod, out var method)
            ? method.Send(_client, _key, args ?? [])
            : throw new InvalidOperationException($"{targetMethod?.Name} is not a grain method.");

    /// <summary>A reference prints as its key.</summary>
    public override string ToString() => $"RemoteGrainReference {_key}";
}
