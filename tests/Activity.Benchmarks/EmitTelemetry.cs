using System.Diagnostics;
using System.Globalization;
using Activity.Grains.Ingest;
using Activity.Grains.Projections;
using Activity.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Activity.Benchmarks;

/// <summary>
/// What Activity's own instruments cost a single-event emit, with the OpenTelemetry SDK listening as in
/// a silo: the worst case, where every emit is its own group commit and its own apply by two
/// projections (accepted, commit size and duration, the emit's wait, two projections' applied counts).
/// Compare with the silo CPU of an emit (about 60 µs in tests/load/run.sh); ASP.NET Core's own request
/// metrics and span are measured on the HTTP path by tests/load/auth.sh.
/// </summary>
internal static class EmitTelemetry
{
    public static void Run(int rounds)
    {
        using var services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton<IOptions<TelemetryOptions>>(Options.Create(new TelemetryOptions()))
            .AddSingleton<IngestMetrics>()
            .AddSingleton<ProjectionMetrics>()
            .BuildServiceProvider();
        using var provider = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddMeter(ActivityMeter.Name)
            .AddReader(new BaseExportingMetricReader(new Discard()))
            .Build();

        // The SDK listens to meters made before it started too; these are made after, as in a silo.
        var ingest = services.GetRequiredService<IngestMetrics>();
        var projections = services.GetRequiredService<ProjectionMetrics>();
        var feed = projections.Follow("feed", "ten_a", TimeProvider.System);
        var router = projections.Follow("dashboard-router", "ten_a", TimeProvider.System);
        Emit(100_000, ingest, projections, feed, router);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Emit(rounds, ingest, projections, feed, router);
        clock.Stop();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Activity's instruments per single-event emit: {clock.Elapsed.TotalNanoseconds / rounds:0} ns, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)rounds:0.0} B"));
    }

    private static void Emit(int rounds, IngestMetrics ingest, ProjectionMetrics projections, FollowerPosition feed, FollowerPosition router)
    {
        var wait = TimeSpan.FromMilliseconds(3);
        for (var i = 1; i <= rounds; i++)
        {
            ingest.Committed(1, wait);
            ingest.Accepted(1);
            ingest.Appended(wait);
            foreach (var follower in (ReadOnlySpan<FollowerPosition>)[feed, router])
            {
                follower.Seen(i);
                projections.Applied(follower, 1);
                follower.Applied(i);
            }
        }
    }

    private sealed class Discard : OpenTelemetry.BaseExporter<Metric>
    {
        public override OpenTelemetry.ExportResult Export(in OpenTelemetry.Batch<Metric> batch) => OpenTelemetry.ExportResult.Success;
    }
}
