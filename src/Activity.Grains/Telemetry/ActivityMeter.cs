using System.Diagnostics.Metrics;

namespace Activity.Grains.Telemetry;

/// <summary>
/// The name of the <see cref="Meter"/> every Activity instrument belongs to. Each feature creates its
/// instruments from the host's <see cref="IMeterFactory"/> under this name (the factory hands them all
/// the same meter), so an exporter listens to all of them by this one name.
/// </summary>
public static class ActivityMeter
{
    /// <summary>The meter's name: <c>Activity</c>.</summary>
    public const string Name = "Activity";

    /// <summary>Seconds-long work (commits, appends, SSE hops): 0.5 ms to 10 s.</summary>
    public static readonly IReadOnlyList<double> ShortSeconds = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

    /// <summary>Minutes-long work (analytics jobs, report runs): 10 ms to 10 min.</summary>
    public static readonly IReadOnlyList<double> LongSeconds = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600];
}
