using System.IO.Enumeration;
using System.Text.Json;
using Activity.Grains.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Activity.Grains.Analytics.Jobs;

/// <summary>
/// A tenant's warm analytics values and the jobs that keep them warm. Reentrant: a job's queries may take
/// seconds, and reads, triggers and the job list must answer meanwhile; every change of fields happens
/// between awaits, and state writes go one at a time (<see cref="SerialStateWriter{T}"/>). Warm values live in this
/// activation only: a new activation (another silo, after a restart) starts cold, and its schedule runs
/// every keep-warm job at once.
/// </summary>
[Reentrant]
[GrainType("analytics-jobs")]
internal sealed partial class AnalyticsJobsGrain(
    [PersistentState("analytics-jobs", ActivityProviders.Storage)] IPersistentState<AnalyticsJobsState> state,
    AnalyticsComputer computer,
    IAnalyticsQueries queries,
    TimeProvider timeProvider,
    JobMetrics metrics,
    IOptions<AnalyticsOptions> options,
    ILogger<AnalyticsJobsGrain> logger) : Grain, IAnalyticsJobsGrain
{
    private readonly Dictionary<string, Warm> _warm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<Warm>> _computing = new(StringComparer.Ordinal);
    private readonly AnalyticsTimings _timings = new();
    private readonly SerialStateWriter<AnalyticsJobsState> _writer = new(state);

    private string TenantId => this.GetPrimaryKeyString();

    private AnalyticsOptions Options => options.Value;

    public async Task<WarmValue> GetAsync(AnalyticsKey key)
    {
        if (AnalyticsMetric.Find(key.Metric) is not { } metric || !metric.Allowed.Contains(key.Value))
        {
            throw new ArgumentException($"There is no analytics value '{key}'.", nameof(key));
        }

        var clock = timeProvider.GetTimestamp();
        var name = key.ToString();
        var warm = _warm.TryGetValue(name, out var found) && timeProvider.GetUtcNow() < found.FreshUntil;
        var value = warm ? found! : await ComputeAsync(key, CancellationToken.None);
        _timings.Call(warm, timeProvider.GetElapsedTime(clock));
        return new WarmValue(value.Json, value.ComputedAt, warm);
    }

    public Task<int> ClearAsync(string? pattern)
    {
        var gone = _warm.Keys.Where(k => pattern is null || FileSystemName.MatchesSimpleExpression(pattern, k, ignoreCase: false)).ToList();
        foreach (var key in gone)
        {
            _warm.Remove(key);
        }

        return Task.FromResult(gone.Count);
    }

    // Computes and keeps the value; callers asking for the same key meanwhile share the one computation.
    private Task<Warm> ComputeAsync(AnalyticsKey key, CancellationToken cancellationToken)
    {
        var name = key.ToString();
        if (_computing.TryGetValue(name, out var running))
        {
            return running;
        }

        var computing = ComputeOnceAsync(key, name, cancellationToken);
        if (!computing.IsCompleted)
        {
            _computing[name] = computing;
        }

        return computing;
    }

    private async Task<Warm> ComputeOnceAsync(AnalyticsKey key, string name, CancellationToken cancellationToken)
    {
        try
        {
            var now = timeProvider.GetUtcNow();
            string json;
            if (key.Metric == AnalyticsMetric.PerformanceMetrics.Name)
            {
                json = JsonSerializer.Serialize(_timings.Snapshot(now), JsonSerializerOptions.Web);
            }
            else
            {
                var clock = timeProvider.GetTimestamp();
                json = await computer.ComputeAsync(TenantId, key, now, cancellationToken);
                _timings.Query(key, timeProvider.GetElapsedTime(clock));
            }

            var warm = new Warm(json, now, now + Options.FreshFor(key.Metric));
            _warm[name] = warm;
            return warm;
        }
        finally
        {
            _computing.Remove(name);
        }
    }

    // Every value a job keeps warm, from one read of the stores (see AnalyticsComputer).
    private async Task WarmAllAsync(AnalyticsMetric metric, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var keys = metric.Keys.ToList();
        IReadOnlyList<string> values;
        if (metric == AnalyticsMetric.PerformanceMetrics)
        {
            values = [JsonSerializer.Serialize(_timings.Snapshot(now), JsonSerializerOptions.Web)];
        }
        else
        {
            var clock = timeProvider.GetTimestamp();
            values = await computer.ComputeAsync(TenantId, metric.Name, metric.Allowed, now, cancellationToken);
            _timings.Query(new AnalyticsKey(metric.Name + ":*", 0), timeProvider.GetElapsedTime(clock));
        }

        for (var i = 0; i < keys.Count; i++)
        {
            _warm[keys[i].ToString()] = new Warm(values[i], now, now + Options.FreshFor(metric.Name));
        }
    }

    private sealed record Warm(string Json, DateTimeOffset ComputedAt, DateTimeOffset FreshUntil);
}
