using System.Globalization;
using System.Net.Http.Headers;

namespace Activity.Testing;

/// <summary>
/// An SSE client of a tenant's live feed that behaves like a browser's EventSource: when its stream
/// ends (its silo stopped or died) it reconnects to another running silo with <c>Last-Event-ID</c>.
/// It records every change id it receives, in order.
/// </summary>
public sealed class LiveReader : IAsyncDisposable
{
    private readonly Func<SiloProcess?> _nextSilo;
    private readonly string _apiKey;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<long> _ids = [];
    private readonly List<(long Through, TaskCompletionSource Done)> _waiters = [];
    private Task _reading = Task.CompletedTask;
    private string? _lastError;

    private LiveReader(Func<SiloProcess?> nextSilo, string apiKey)
    {
        _nextSilo = nextSilo;
        _apiKey = apiKey;
    }

    /// <summary>Every change id received, in order of arrival.</summary>
    public IReadOnlyList<long> Ids
    {
        get
        {
            lock (_gate)
            {
                return [.. _ids];
            }
        }
    }

    /// <summary>How many times it connected.</summary>
    public int Connections { get; private set; }

    /// <summary>
    /// Connects to <paramref name="first"/>, then, whenever a stream ends, to what
    /// <paramref name="nextSilo"/> answers; returns once the first stream is open.
    /// </summary>
    public static async Task<LiveReader> StartAsync(SiloProcess first, Func<SiloProcess?> nextSilo, string apiKey)
    {
        var reader = new LiveReader(nextSilo, apiKey);
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reader._reading = reader.ReadAsync(first, opened);
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return reader;
    }

    /// <summary>Completes once a change with an id of at least <paramref name="id"/> arrived; fails after a long hang guard.</summary>
    public Task WaitForAsync(long id)
    {
        lock (_gate)
        {
            if (_ids.Count > 0 && _ids.Max() >= id)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((id, done));
            return WaitAsync(done.Task, id);
        }
    }

    private async Task WaitAsync(Task done, long id)
    {
        try
        {
            await done.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Change {id} did not arrive in 90 s; received [{string.Join(", ", Ids)}] over {Connections} connection(s); last error: {_lastError}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ReadAsync(SiloProcess? silo, TaskCompletionSource opened)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        while (!_stop.IsCancellationRequested && silo is not null)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(silo.BaseAddress, "/api/activity/stream"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
                if (Last() is { } last)
                {
                    request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
                response.EnsureSuccessStatusCode();
                Connections++;
                opened.TrySetResult();
                using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
                while (await lines.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        Record(long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (Exception exception) when (!_stop.IsCancellationRequested)
            {
                // The silo went away mid-stream or refused: reconnect, as EventSource does.
                _lastError = exception.Message;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            silo = _nextSilo();
        }
    }

    private long? Last()
    {
        lock (_gate)
        {
            return _ids.Count == 0 ? null : _ids[^1];
        }
    }

    private void Record(long id)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _ids.Add(id);
            foreach (var waiter in _waiters.Where(w => w.Through <= id).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        done.ForEach(d => d.TrySetResult());
    }
}
