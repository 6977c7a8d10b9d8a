using System.Text.Json;
using Activity.Runtime.Catalog;
using Activity.Runtime.Grains;
using Activity.Runtime.Serialization;

namespace Activity.Runtime.Calls;

/// <summary>
/// Runs grain calls that arrive as JSON: from <c>Activity.Client</c> in other processes (and, with the
/// cluster, from other silos). Arguments are read against the method's parameter types; cancellation
/// token parameters get the caller's token instead of an argument.
/// </summary>
public sealed class GrainGateway
{
    private readonly GrainTypeRegistry _registry;
    private readonly ActivationCatalog _catalog;

    internal GrainGateway(GrainTypeRegistry registry, ActivationCatalog catalog)
    {
        _registry = registry;
        _catalog = catalog;
    }

    /// <summary>Calls <paramref name="method"/> of grain <paramref name="key"/> through <paramref name="grainInterface"/> (its full name).</summary>
    /// <exception cref="GatewayRequestException">The interface, method or arguments do not fit what this silo serves.</exception>
    public async Task<GatewayResult> InvokeAsync(string grainInterface, string key, string method, JsonElement arguments, CancellationToken cancellationToken)
    {
        var target = _registry.FindInterface(grainInterface)
            ?? throw new GatewayRequestException(GatewayRequestError.NotFound, $"This silo serves no grain interface '{grainInterface}'.");
        if (arguments.ValueKind != JsonValueKind.Array)
        {
            throw new GatewayRequestException(GatewayRequestError.BadRequest, "'arguments' must be a JSON array of the method's arguments, in order.");
        }

        var grainMethod = target.RemoteMethods.GetValueOrDefault((method, arguments.GetArrayLength()))
            ?? throw new GatewayRequestException(GatewayRequestError.NotFound, $"{target.Type.Name} has no method '{method}' taking {arguments.GetArrayLength()} argument(s).");

        var args = Bind(grainMethod, arguments, cancellationToken);
        var call = _catalog.GetOrCreateActivation(new GrainId(target.Class.Name, key), target.Class).Call(grainMethod, args);
        await call.ConfigureAwait(false);
        return new GatewayResult(grainMethod.ResultOf(call), grainMethod.ResultType);
    }

    private static object?[] Bind(GrainMethod method, JsonElement arguments, CancellationToken cancellationToken)
    {
        var args = new object?[method.Parameters.Length];
        var next = 0;
        for (var i = 0; i < args.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.ParameterType == typeof(CancellationToken))
            {
                args[i] = cancellationToken;
                continue;
            }

            var argument = arguments[next++];
            try
            {
                args[i] = argument.Deserialize(parameter.ParameterType, GrainJson.Options);
            }
            catch (JsonException exception)
            {
                throw new GatewayRequestException(GatewayRequestError.BadRequest, $"Argument '{parameter.Name}' of {method.Name} must be {parameter.ParameterType.Name}: {exception.Message}");
            }
        }

        return args;
    }
}

/// <summary>What a gateway call returned: the value and its declared type (null type for a plain <c>Task</c>).</summary>
/// <param name="Value">The result.</param>
/// <param name="Type">The method's result type, for serialization; null when the method returns no value.</param>
public sealed record GatewayResult(object? Value, Type? Type);

/// <summary>How a gateway request failed before reaching a grain.</summary>
public enum GatewayRequestError
{
    /// <summary>The arguments do not fit the method.</summary>
    BadRequest,

    /// <summary>No such grain interface or method here.</summary>
    NotFound,
}

/// <summary>A gateway request that could not become a grain call; the message says what to fix.</summary>
public sealed class GatewayRequestException(GatewayRequestError error, string message) : Exception(message)
{
    /// <summary>The kind of failure.</summary>
    public GatewayRequestError Error { get; } = error;
}
