using System.Reflection;
using Activity.Runtime.Calls;

namespace Activity.Client;

/// <summary>One grain interface method as the client sends it: names, which argument is the cancellation token, and a typed sender.</summary>
internal sealed class RemoteMethod
{
    private readonly Func<ActivityClient, RemoteMethod, string, object?[], Task> _send;

    private RemoteMethod(MethodInfo method, string interfaceName, Func<ActivityClient, RemoteMethod, string, object?[], Task> send)
    {
        InterfaceName = interfaceName;
        Name = method.Name;
        Parameters = method.GetParameters();
        CancellationTokenIndex = Array.FindIndex(Parameters, p => p.ParameterType == typeof(CancellationToken));
        _send = send;
    }

    /// <summary>The full name of the grain interface (what the silo looks it up by).</summary>
    public string InterfaceName { get; }

    public string Name { get; }

    public ParameterInfo[] Parameters { get; }

    /// <summary>The parameter whose token cancels the HTTP call instead of travelling, or -1.</summary>
    public int CancellationTokenIndex { get; }

    public Task Send(ActivityClient client, string key, object?[] args) => _send(client, this, key, args);

    public static RemoteMethod Create(Type grainInterface, MethodInfo method)
    {
        var resultType = GrainReturnType.ResultOf(method);
        var send = typeof(RemoteMethod).GetMethod(nameof(SendTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(resultType)
            .CreateDelegate<Func<ActivityClient, RemoteMethod, string, object?[], Task>>();
        return new RemoteMethod(method, grainInterface.FullName!, send);
    }

    private static Task SendTyped<TResult>(ActivityClient client, RemoteMethod method, string key, object?[] args) =>
        client.CallAsync<TResult>(method, key, args);
}
