using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Activity.Testing;

/// <summary>
/// A steady stream of single-event emits from a few concurrent senders, each event of a type of its
/// own (so each is a tile of its own): back to back, or each sender at most one emit per period.
/// Keeps what was acknowledged (202) and what failed, and why.
/// </summary>
public sealed class EmitLoad : IAsyncDisposable
{
    private readonly Func<Uri> _target;
    private readonly string _apiKey;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Guid> _acknowledged = [];
    private readonly List<string> _failures = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Task _sending = Task.CompletedTask;
    private int _next;

    private readonly TimeSpan? _period;

    private EmitLoad(Func<Uri> target, string apiKey, TimeSpan? period)
    {
        _target = target;
        _apiKey = apiKey;
        _period = period;
    }

    /// <summary>Ids of the acknowledged events.</summary>
    public IReadOnlyList<Guid> Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <summary>Why requests failed (status or exception), one entry per failure.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="senders"/> senders, each sending to what <paramref name="target"/> answers,
    /// one emit after another, or one per <paramref name="period"/> when given.
    /// </summary>
    public static EmitLoad Start(Func<Uri> target, string apiKey, int senders = 4, TimeSpan? period = null)
    {
        var load = new EmitLoad(target, apiKey, period);
        load._sending = Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(load.SendAsync)));
        return load;
    }

    /// <summary>Completes once <paramref name="count"/> emits were acknowledged in all; fails after a long hang guard.</summary>
    public Task WaitForAsync(int count)
    {
        lock (_gate)
        {
            if (_acknowledged.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
    }

    /// <summary>Stops sending and waits for the requests in flight.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _sending;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task SendAsync()
    {
        using var pace = _period is { } period ? new PeriodicTimer(period) : null;
        while (!_stop.IsCancellationRequested)
        {
            if (pace is not null && !await pace.WaitForNextTickAsync(CancellationToken.None))
            {
                return;
            }

            var n = Interlocked.Increment(ref _next);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_target(), "/api/activity/emit"))
            {
                Content = new StringContent($$"""{"type":"load-{{n}}","actorId":"sender"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
            try
            {
                using var response = await _http.SendAsync(request, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Acknowledge(JsonDocument.Parse(body).RootElement.GetProperty("ids")[0].GetGuid());
                }
                else
                {
                    Fail($"{(int)response.StatusCode}: {body}");
                }
            }
            catch (Exception exception)
            {
                Fail($"{exception.GetType().Name}: {exception.Message}");
            }
        }
    }

    private void Acknowledge(Guid id)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _acknowledged.Add(id);
            foreach (var waiter in _waiters.Where(w => w.Count <= _acknowledged.Count).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        done.ForEach(d => d.TrySetResult());
    }

    private void Fail(string why)
    {
        lock (_gate)
        {
            _failures.Add(why);
        }
    }
}
