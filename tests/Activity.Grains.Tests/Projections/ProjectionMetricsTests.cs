using System.Diagnostics.Metrics;
using Activity.Grains.Projections;
using Activity.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Activity.Grains.Tests.Projections;

/// <summary>The projection gauges: per projection over a silo's followers, and the top tenants only when asked.</summary>
public sealed class ProjectionMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Behind_is_summed_per_projection_without_tenant_labels_by_default()
    {
        var metrics = Metrics(tenantLabels: 0);
        metrics.Follow("feed", "ten_a", _time).Seen(5);
        metrics.Follow("feed", "ten_b", _time).Seen(2);
        metrics.Follow("dashboard-router", "ten_a", _time).Applied(4);

        var behind = Observe("activity.projection.behind");

        Assert.Equal(
            [("feed", null, 7L), ("dashboard-router", null, 0L)],
            behind.OrderByDescending(m => m.Value).ToArray());
    }

    [Fact]
    public void Tenant_labels_name_only_the_tenants_furthest_behind()
    {
        var metrics = Metrics(tenantLabels: 1);
        metrics.Follow("feed", "ten_a", _time).Seen(5);
        metrics.Follow("feed", "ten_b", _time).Seen(2);
        var forgotten = metrics.Follow("feed", "ten_c", _time);
        forgotten.Seen(100);
        metrics.Forget(forgotten);

        var behind = Observe("activity.projection.behind");

        Assert.Equal([("feed", null, 7L), ("feed", "ten_a", 5L)], behind.OrderBy(m => m.Tenant).ToArray());
    }

    private ProjectionMetrics Metrics(int tenantLabels) =>
        new(_services.GetRequiredService<IMeterFactory>(), Options.Create(new TelemetryOptions { TenantLabels = tenantLabels }));

    // This test's meter factory only: other tests' meters of the same name do not count.
    private List<(string Projection, string? Tenant, long Value)> Observe(string instrumentName)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        var measurements = new List<(string, string?, long)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == instrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? projection = null, tenant = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "projection")
                {
                    projection = (string?)tag.Value;
                }
                else if (tag.Key == "tenant")
                {
                    tenant = (string?)tag.Value;
                }
            }

            measurements.Add((projection!, tenant, value));
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return measurements;
    }
}
