using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Activity.Runtime.Grains;
using Activity.Runtime.Serialization;

namespace Activity.Client;

/// <summary>
/// Calls grains of an Activity cluster from another .NET process, the way an Orleans cluster client
/// does: <c>await client.GetGrain&lt;IFeedGrain&gt;("ten_...").DrainAsync()</c>. Each call is one HTTP
/// request to the silos' grain gateway, authenticated with the cluster key. Calls are not retried:
/// a grain method is not idempotent unless it says so, so retrying is the caller's decision.
/// </summary>
public sealed class ActivityClient : IGrainFactory, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly ConcurrentDictionary<Type, FrozenDictionary<MethodInfo, RemoteMethod>> _interfaces = new();

    /// <summary>A client with its own connection pool.</summary>
    public ActivityClient(ActivityClientOptions options)
        : this(new HttpClient { BaseAddress = WithTrailingSlash(options.BaseAddress), Timeout = options.Timeout }, options.ClusterKey, ownsHttp: true)
    {
    }

    /// <summary>A client over an existing <see cref="HttpClient"/> (from IHttpClientFactory, say), whose base address points at the cluster.</summary>
    public ActivityClient(HttpClient http, string clusterKey)
        : this(http, clusterKey, ownsHttp: false)
    {
    }

    private ActivityClient(HttpClient http, string clusterKey, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http.BaseAddress, "HttpClient.BaseAddress");
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterKey);
        _http = http;
        _ownsHttp = ownsHttp;
        _authorization = new AuthenticationHeaderValue("Bearer", clusterKey);
    }

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var methods = _interfaces.GetOrAdd(typeof(TGrainInterface), static type => new[] { type }
            .Concat(type.GetInterfaces())
            .SelectMany(i => i.GetMethods())
            .ToFrozenDictionary(m => m, m => RemoteMethod.Create(type, m)));
        var proxy = DispatchProxy.Create<TGrainInterface, RemoteGrainProxy>();
        ((RemoteGrainProxy)(object)proxy!).Initialize(this, methods, key);
        return proxy;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    internal async Task<TResult> CallAsync<TResult>(RemoteMethod method, string key, object?[] args)
    {
        var cancellationToken = method.CancellationTokenIndex >= 0 ? (CancellationToken)args[method.CancellationTokenIndex]! : default;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"internal/grains/{Uri.EscapeDataString(method.InterfaceName)}/{Uri.EscapeDataString(method.Name)}")
        {
            Content = new ByteArrayContent(Body(method, key, args)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = _authorization;

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default!;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return JsonSerializer.Deserialize<TResult>(body, GrainJson.Options)!;
        }

        throw Failure((int)response.StatusCode, body, method, key);
    }

    // { "key": "...", "arguments": [ ... ] }, each argument serialized as its declared parameter type.
    private static byte[] Body(RemoteMethod method, string key, object?[] args)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteStartArray("arguments");
            for (var i = 0; i < args.Length; i++)
            {
                if (i != method.CancellationTokenIndex)
                {
                    JsonSerializer.Serialize(writer, args[i], method.Parameters[i].ParameterType, GrainJson.Options);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // Turns the silo's problem+json back into the exception a local call would have thrown, where .NET has one.
    private static Exception Failure(int status, byte[] body, RemoteMethod method, string key)
    {
        string? detail = null, title = null, exceptionType = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            title = problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
            exceptionType = problem.RootElement.TryGetProperty("exceptionType", out var e) ? e.GetString() : null;
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy in between, say): report the status alone.
        }

        var message = detail ?? title ?? $"The silo answered {status} to {method.InterfaceName}.{method.Name} on grain '{key}'.";
        return (status, exceptionType) switch
        {
            (401, _) => new UnauthorizedAccessException("The silo refused the cluster key; use the silos' Activity:ClusterKey."),
            (_, "System.ArgumentException" or "System.ArgumentNullException" or "System.ArgumentOutOfRangeException") => new ArgumentException(message),
            (_, "System.InvalidOperationException") => new InvalidOperationException(message),
            (_, "System.Collections.Generic.KeyNotFoundException") => new KeyNotFoundException(message),
            (504, _) => new TimeoutException(message),
            (503, _) => new SiloUnavailableException(message),
            _ => new RemoteGrainException(status, exceptionType, message),
        };
    }

    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
