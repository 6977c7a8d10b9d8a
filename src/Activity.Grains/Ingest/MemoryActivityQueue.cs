using Activity.Domain.Feed;

namespace Activity.Grains.Ingest;

/// <summary>The event log in process memory, for the embedded silo: everything is kept until the process ends.</summary>
internal sealed class MemoryActivityQueue : IActivityQueue
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<FeedEvent>> _logs = [];
    private readonly Dictionary<(string Tenant, string Key), (Guid Id, DateTimeOffset At)> _keys = [];

    public Task<AppendResult> AppendAsync(IReadOnlyList<QueuedEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(events.Count);
        var sequences = new List<long>(events.Count);
        var last = new Dictionary<string, long>();
        lock (_gate)
        {
            foreach (var e in events)
            {
                var key = e.IdempotencyKey;
                if (key is not null
                    && _keys.TryGetValue((e.TenantId, key), out var earlier)
                    && earlier.At > e.ReceivedAt - idempotencyWindow)
                {
                    ids.Add(earlier.Id);
                    sequences.Add(0);
                }
                else
                {
                    var log = Log(e.TenantId);
                    log.Add(new FeedEvent(e.Id, log.Count + 1, e.Type, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.ReceivedAt, e.Payload));
                    if (key is not null)
                    {
                        _keys[(e.TenantId, key)] = (e.Id, e.ReceivedAt);
                    }

                    ids.Add(e.Id);
                    sequences.Add(log.Count);
                    last[e.TenantId] = log.Count;
                }
            }
        }

        return Task.FromResult(new AppendResult(ids, sequences, last));
    }

    public Task<IReadOnlyList<FeedEvent>> ReadAsync(string tenantId, long after, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var log = Log(tenantId);
            var from = (int)Math.Min(after, log.Count);
            return Task.FromResult<IReadOnlyList<FeedEvent>>(log.GetRange(from, Math.Min(max, log.Count - from)));
        }
    }

    public Task<IReadOnlyList<FeedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FeedEvent>>([.. Log(tenantId).Skip((int)Math.Min(after, int.MaxValue)).Where(e => e.ActorId == userId || e.ItemOwnerId == userId).Take(max)]);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> LastSequencesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, long>>(_logs.Where(l => l.Value.Count > 0).ToDictionary(l => l.Key, l => (long)l.Value.Count));
        }
    }

    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _keys.Where(k => k.Value.At < before).Select(k => k.Key).ToList();
            old.ForEach(k => _keys.Remove(k));
            return Task.FromResult(old.Count);
        }
    }

    private List<FeedEvent> Log(string tenantId)
    {
        if (!_logs.TryGetValue(tenantId, out var log))
        {
            _logs[tenantId] = log = [];
        }

        return log;
    }
}
