using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Activity.Silo.Tests.Feed;
using Activity.Testing;
using OpenTelemetry.Trace;

namespace Activity.Silo.Tests.Telemetry;

/// <summary>
/// One trace follows an emit from the request through the group commit, the feed's write and the stream
/// to the SSE write, when the emit is sampled; none when it is not (the sampler follows the caller's
/// <c>traceparent</c>). Spans are caught by the in-memory exporter.
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed class TracingTests : IAsyncLifetime
{
    private readonly SpanLog _spans = new();
    private readonly SiloFactory _silo;

    public TracingTests()
    {
        _silo = SiloFactory.Embedded(
            settings: new Dictionary<string, string?> { ["Activity:Telemetry:TraceSampleRatio"] = "0" },
            services: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));
    }

    public Task InitializeAsync()
    {
        _silo.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_sampled_emit_is_one_trace_from_the_request_to_the_SSE_write()
    {
        var tenant = await FeedClient.CreateAsync(_silo);
        await using var stream = await tenant.StreamAsync();
        var traceId = ActivityTraceId.CreateRandom();

        // A feed's first event is read from the log by its new activation (which catches up before it
        // takes hand-overs); the trace follows hand-overs, so the feed is awake before the traced emit.
        await EmitAsync(tenant, ActivityTraceId.CreateRandom(), sampled: false);
        await stream.NextEventAsync();
        await EmitAsync(tenant, traceId, sampled: true);
        var message = await stream.NextEventAsync();

        // A span is exported when it ends, and the hops end in no set order (the request's span after its
        // 202 went out, a publish's after the stream took it): each is awaited.
        Assert.Equal("activity.event.created", message.Event);
        var request = await _spans.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Server);
        var spans = new Dictionary<string, System.Diagnostics.Activity>();
        foreach (var name in (string[])["ingest.commit", "feed.apply", "feed.publish", "sse.deliver", "sse.write"])
        {
            spans[name] = await _spans.WaitForAsync(s => s.TraceId == traceId && s.OperationName == name);
        }

        Assert.Equal(request.SpanId, spans["ingest.commit"].ParentSpanId);
        Assert.Equal(spans["ingest.commit"].SpanId, spans["feed.apply"].ParentSpanId);
        Assert.Equal(spans["feed.apply"].SpanId, spans["feed.publish"].ParentSpanId);
        Assert.Equal(spans["feed.publish"].SpanId, spans["sse.deliver"].ParentSpanId);
        Assert.Equal(spans["sse.deliver"].SpanId, spans["sse.write"].ParentSpanId);
    }

    [Fact]
    public async Task An_unsampled_emit_leaves_no_spans()
    {
        var tenant = await FeedClient.CreateAsync(_silo);
        await using var stream = await tenant.StreamAsync();
        var traceId = ActivityTraceId.CreateRandom();

        await EmitAsync(tenant, traceId, sampled: false);
        await stream.NextEventAsync();

        // The SSE client has the change, so the commit and the feed's write are done: had they been
        // traced, their spans would be here.
        Assert.Empty(_spans.Of(traceId));
    }

    private static async Task EmitAsync(FeedClient tenant, ActivityTraceId traceId, bool sampled)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activity/emit")
        {
            Content = JsonContent.Create(new { type = "vote", actorId = "ann", itemId = "post-1" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-{(sampled ? "01" : "00")}");
        var response = await tenant.Http().SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
