namespace Activity.Grains.Analytics.Jobs;

/// <summary>
/// The timings a tenant's analytics grain takes of itself: each query it ran (by key), each call it
/// answered (warm or not) and each job run, the last <see cref="Kept"/> of each; the performance-metrics
/// job sums them up.
/// </summary>
internal sealed class AnalyticsTimings
{
    private const int Kept = 200;
    private readonly Dictionary<string, Samples> _queries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Samples> _jobs = new(StringComparer.Ordinal);
    private readonly Samples _calls = new();
    private long _hits;
    private long _misses;

    public void Query(AnalyticsKey key, TimeSpan took) => Of(_queries, key.ToString()).Add(took);

    public void Job(string jobId, TimeSpan took) => Of(_jobs, jobId).Add(took);

    public void Call(bool warm, TimeSpan took)
    {
        _calls.Add(took);
        if (warm)
        {
            _hits++;
        }
        else
        {
            _misses++;
        }
    }

    public PerformanceSnapshot Snapshot(DateTimeOffset now) => new(
        now,
        new CallTimings(_calls.Count, _hits, _misses, _calls.Summary()),
        [.. _queries.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => new NamedTimings(q.Key, q.Value.Count, q.Value.Summary()))],
        [.. _jobs.OrderBy(j => j.Key, StringComparer.Ordinal).Select(j => new NamedTimings(j.Key, j.Value.Count, j.Value.Summary()))]);

    private static Samples Of(Dictionary<string, Samples> samples, string name)
    {
        if (!samples.TryGetValue(name, out var found))
        {
            samples[name] = found = new Samples();
        }

        return found;
    }

    // The last `Kept` durations in a ring, and how many there were in all.
    private sealed class Samples
    {
        private readonly double[] _ms = new double[Kept];

        public long Count { get; private set; }

        public void Add(TimeSpan took) => _ms[Count++ % Kept] = took.TotalMilliseconds;

        public TimingSummary Summary()
        {
            var kept = _ms.AsSpan(0, (int)Math.Min(Count, Kept)).ToArray();
            if (kept.Length == 0)
            {
                return new TimingSummary(0, 0, 0, 0);
            }

            Array.Sort(kept);
            var p95 = kept[Math.Min(kept.Length - 1, (int)Math.Ceiling(kept.Length * 0.95) - 1)];
            return new TimingSummary(Round(kept.Average()), Round(kept[kept.Length / 2]), Round(p95), Round(kept[^1]));
        }

        private static double Round(double ms) => Math.Round(ms, 3);
    }
}

/// <summary>The performance-metrics value: a tenant's analytics timings, over the last 200 of each.</summary>
/// <param name="ComputedAt">When it was summed up.</param>
/// <param name="Calls">Reads of analytics values answered by the grain.</param>
/// <param name="Queries">Store queries by value key.</param>
/// <param name="Jobs">Job runs by job id.</param>
public sealed record PerformanceSnapshot(DateTimeOffset ComputedAt, CallTimings Calls, IReadOnlyList<NamedTimings> Queries, IReadOnlyList<NamedTimings> Jobs);

/// <summary>Reads answered, how many from warm values, and their timings.</summary>
public sealed record CallTimings(long Count, long Warm, long Cold, TimingSummary Timings);

/// <summary>Timings of one query key or job.</summary>
public sealed record NamedTimings(string Name, long Count, TimingSummary Timings);

/// <summary>Mean, median, 95th percentile and maximum, in milliseconds.</summary>
public sealed record TimingSummary(double MeanMs, double P50Ms, double P95Ms, double MaxMs);
