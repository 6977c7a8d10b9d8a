using System.Collections;
using System.Diagnostics;

namespace Activity.Silo.Tests.Telemetry;

/// <summary>
/// Where the in-memory exporter puts finished spans: safe to read while the silo adds to it, and a test
/// awaits a span it expects instead of polling for it.
/// </summary>
internal sealed class SpanLog : ICollection<System.Diagnostics.Activity>
{
    private readonly Lock _gate = new();
    private readonly List<System.Diagnostics.Activity> _spans = [];
    private readonly List<(Func<System.Diagnostics.Activity, bool> Match, TaskCompletionSource<System.Diagnostics.Activity> Found)> _waiting = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The spans of one trace, finished so far.</summary>
    public IReadOnlyList<System.Diagnostics.Activity> Of(ActivityTraceId traceId)
    {
        lock (_gate)
        {
            return [.. _spans.Where(s => s.TraceId == traceId)];
        }
    }

    /// <summary>The first span that matches, once it has finished; fails, naming the spans there are, after 20 s.</summary>
    public async Task<System.Diagnostics.Activity> WaitForAsync(Func<System.Diagnostics.Activity, bool> match)
    {
        Task<System.Diagnostics.Activity> found;
        lock (_gate)
        {
            if (_spans.FirstOrDefault(match) is { } there)
            {
                return there;
            }

            var waiting = new TaskCompletionSource<System.Diagnostics.Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, waiting));
            found = waiting.Task;
        }

        try
        {
            return await found.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The span did not come within 20 s; finished spans: {string.Join(", ", this.Select(s => $"{s.OperationName} ({s.TraceId})"))}.");
        }
    }

    public void Add(System.Diagnostics.Activity item)
    {
        lock (_gate)
        {
            _spans.Add(item);
            foreach (var waiting in _waiting.Where(w => w.Match(item)).ToList())
            {
                _waiting.Remove(waiting);
                waiting.Found.TrySetResult(item);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _spans.Clear();
        }
    }

    public bool Contains(System.Diagnostics.Activity item)
    {
        lock (_gate)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(System.Diagnostics.Activity[] array, int arrayIndex)
    {
        lock (_gate)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(System.Diagnostics.Activity item)
    {
        lock (_gate)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<System.Diagnostics.Activity> GetEnumerator()
    {
        lock (_gate)
        {
            return _spans.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
