using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Telemetry;

/// <summary>What a request logs carries its tenant and trace in its scope; what a grain call logs, the grain.</summary>
public sealed class LogScopeTests
{
    [Fact]
    public async Task A_request_logs_its_tenant_and_trace_and_a_grain_call_its_grain()
    {
        await using var silo = SiloFactory.Embedded(settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Routing"] = "Information",
        });
        var tenant = await FeedClient.CreateAsync(silo);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activity/emit")
        {
            Content = JsonContent.Create(new { type = "vote", actorId = "ann", itemId = "post-1" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-00");

        Assert.Equal(HttpStatusCode.Accepted, (await tenant.Http().SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.CreateAdminClient().PostAsync("/api/admin/retention/run", null)).StatusCode);

        var executing = Assert.Single(silo.Logs.Entries, e => e.Line.Contains("Executing endpoint 'HTTP: POST /api/activity/emit", StringComparison.Ordinal));
        Assert.Equal(tenant.TenantId, executing.Scopes["TenantId"]);
        Assert.Equal(traceId.ToString(), executing.Scopes["TraceId"]);
        var retention = Assert.Single(silo.Logs.Entries, e => e.Line.Contains("Retention removed", StringComparison.Ordinal));
        Assert.StartsWith("event-retention/", retention.Scopes["GrainId"], StringComparison.Ordinal);
    }
}
