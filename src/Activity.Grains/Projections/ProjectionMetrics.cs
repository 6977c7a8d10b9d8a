using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Activity.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Projections;

/// <summary>
/// What the projections that follow the log count, labelled by projection: events applied (a counter),
/// and, for the followers active on this silo, how far behind the log they are in events and in seconds
/// (gauges: the sum of events and the longest lag over this silo's tenants). With
/// <see cref="TelemetryOptions.TenantLabels"/> above zero, the tenants furthest behind also get a series
/// each, with a <c>tenant</c> label.
/// </summary>
public sealed class ProjectionMetrics
{
    private readonly ConcurrentDictionary<FollowerPosition, byte> _positions = new();
    private readonly Counter<long> _applied;
    private readonly int _tenantLabels;

    /// <summary>Creates the instruments on the <see cref="ActivityMeter"/>.</summary>
    public ProjectionMetrics(IMeterFactory meters, IOptions<TelemetryOptions> options)
    {
        _tenantLabels = options.Value.TenantLabels;
        var meter = meters.Create(ActivityMeter.Name);
        _applied = meter.CreateCounter<long>("activity.projection.applied", "{event}", "Log sequences a projection applied, by projection");
        meter.CreateObservableGauge("activity.projection.behind", ObserveBehind, "{event}", "Log sequences the projection's active followers on this silo have not applied yet");
        meter.CreateObservableGauge("activity.projection.lag", ObserveLag, "s", "How long the projection's furthest-behind follower on this silo has been behind its log");
    }

    internal FollowerPosition Follow(string projection, string tenantId, TimeProvider time)
    {
        var position = new FollowerPosition(projection, tenantId, time);
        _positions.TryAdd(position, 0);
        return position;
    }

    internal void Forget(FollowerPosition position) => _positions.TryRemove(position, out _);

    internal void Applied(FollowerPosition position, long events) =>
        _applied.Add(events, new KeyValuePair<string, object?>("projection", position.Projection));

    private IEnumerable<Measurement<long>> ObserveBehind() =>
        Observe(p => p.Behind, values => values.Sum());

    private IEnumerable<Measurement<double>> ObserveLag() =>
        Observe(p => p.Lag.TotalSeconds, values => values.DefaultIfEmpty().Max());

    private IEnumerable<Measurement<T>> Observe<T>(Func<FollowerPosition, T> value, Func<IEnumerable<T>, T> combine)
        where T : struct, IComparable<T>
    {
        var positions = _positions.Keys.Select(p => (p.Projection, p.TenantId, Value: value(p))).ToList();
        foreach (var projection in positions.GroupBy(p => p.Projection))
        {
            yield return new Measurement<T>(combine(projection.Select(p => p.Value)), new KeyValuePair<string, object?>("projection", projection.Key));
        }

        if (_tenantLabels == 0)
        {
            yield break;
        }

        // A tenant's series ends when it leaves the top: the label set stays bounded.
        foreach (var projection in positions.GroupBy(p => p.Projection))
        {
            foreach (var tenant in projection.GroupBy(p => p.TenantId)
                .Select(t => (Tenant: t.Key, Value: combine(t.Select(p => p.Value))))
                .Where(t => t.Value.CompareTo(default) > 0)
                .OrderByDescending(t => t.Value)
                .Take(_tenantLabels))
            {
                yield return new Measurement<T>(tenant.Value, new("projection", projection.Key), new("tenant", tenant.Tenant));
            }
        }
    }
}
