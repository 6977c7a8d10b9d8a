using System.Text;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Telemetry;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics and traces go to that collector (here a real HTTP listener).</summary>
[Collection(nameof(MetricsTests))]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task A_silo_with_an_OTLP_endpoint_sends_it_metrics_and_traces()
    {
        await using var collector = new WebhookListener();
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Activity:Telemetry:TraceSampleRatio"] = "1",
        });
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "post-1" });

        // Exports come every 200 ms; the first of each signal that names what the test caused.
        WebhookListener.Received? metrics = null, traces = null;
        while (metrics is null || traces is null)
        {
            var received = await collector.NextAsync(TimeSpan.FromSeconds(20));
            var body = Encoding.UTF8.GetString(received.Body);
            metrics ??= received.Path.EndsWith("/v1/metrics", StringComparison.Ordinal) && body.Contains("activity.events.accepted", StringComparison.Ordinal) ? received : null;
            traces ??= received.Path.EndsWith("/v1/traces", StringComparison.Ordinal) && body.Contains("ingest.commit", StringComparison.Ordinal) ? received : null;
        }

        Assert.Equal("application/x-protobuf", metrics.Headers["Content-Type"]);
        Assert.Equal("application/x-protobuf", traces.Headers["Content-Type"]);
    }
}
