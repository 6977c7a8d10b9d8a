using System.Diagnostics.Metrics;
using Activity.Grains.Telemetry;

namespace Activity.Silo.Limits;

/// <summary>Requests the rate limiter refused (429), by route group: emits, reads, expensive, streams.</summary>
internal sealed class RateLimitMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _refused = meters.Create(ActivityMeter.Name)
        .CreateCounter<long>("activity.ratelimit.refused", "{request}", "Requests refused with 429 by this silo's rate limiter, by group (emits, reads, expensive, streams)");

    public void Refused(string group) => _refused.Add(1, new KeyValuePair<string, object?>("group", group));
}
