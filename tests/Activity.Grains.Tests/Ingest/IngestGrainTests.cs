using System.Text.Json;
using Activity.Abstractions.Ingest;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Memory.Feed;
using Activity.Memory.Log;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Ingest;

public sealed class IngestGrainTests
{
    [Fact]
    public async Task One_broken_event_refuses_the_whole_call_naming_every_broken_field()
    {
        var log = new MemoryEventLog();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        var tenant = await cluster.CreateTenantAsync();

        var refusal = await Assert.ThrowsAsync<EventsRefusedException>(() => cluster.Grains.GetGrain<IIngestGrain>(0).EmitAsync(tenant,
        [
            new EventInput("badge_earned", "u1", Payload: JsonDocument.Parse("""{"badgeName":"Sprint Champion"}""").RootElement),
            new EventInput("not a type", "u2"),
            new EventInput("vote", ""),
            new EventInput("vote", "u3", Payload: JsonDocument.Parse("[1]").RootElement),
            new EventInput("vote", "u4", OccurredAt: cluster.Time.GetUtcNow().AddHours(1)),
            new EventInput("vote", "u5\0"),
        ]));

        Assert.Equal([1, 2, 3, 4, 5], refusal.Refused);
        Assert.StartsWith("'not a type' is not an event type name", Assert.Single(refusal.Errors["events[1].type"]));
        Assert.Equal("cannot be empty.", Assert.Single(refusal.Errors["events[2].actorId"]));
        Assert.Equal("must be a JSON object.", Assert.Single(refusal.Errors["events[3].payload"]));
        Assert.StartsWith("is 60 minutes ahead", Assert.Single(refusal.Errors["events[4].occurredAt"]));
        Assert.StartsWith("must not contain the NUL character", Assert.Single(refusal.Errors["events[5].actorId"]));
        Assert.Equal(5, refusal.Errors.Count);
        Assert.Empty(await log.ReadAsync(tenant, 0, 10, default));
    }

    [Fact]
    public async Task Audit_fields_are_checked_and_stored_for_the_audit_log()
    {
        var log = new MemoryEventLog();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        var tenant = await cluster.CreateTenantAsync();
        var ingest = cluster.Grains.GetGrain<IIngestGrain>(0);
        var signIn = new EventInput("SIGN_IN", "u1", Status: "success", IpAddress: "2001:0db8:0000::0001", RequestId: "r-1");

        var refusal = await Assert.ThrowsAsync<EventsRefusedException>(() => ingest.EmitAsync(tenant,
        [
            signIn,
            new EventInput("SIGN_IN", "u2", IpAddress: "localhost"),
            new EventInput("deployment", "u3", Environment: new string('e', 33)),
            new EventInput("deployment", "u4", Details: new string('d', 2001)),
        ]));
        var ids = await ingest.EmitAsync(tenant, [signIn]);

        Assert.StartsWith("'localhost' is not an IPv4 address", Assert.Single(refusal.Errors["events[1].ipAddress"]));
        Assert.Equal("is at most 32 characters (got 33).", Assert.Single(refusal.Errors["events[2].environment"]));
        Assert.Equal("is at most 2000 characters (got 2001).", Assert.Single(refusal.Errors["events[3].details"]));
        var entry = Assert.Single(await new MemoryAuditLog(log.Tables).ListAsync(tenant, new Audit.AuditQuery(), default));
        Assert.Equal((ids[0], "success", "2001:db8::1", "r-1"), (entry.Id, entry.Status, entry.IpAddress, entry.RequestId));
    }

    [Fact]
    public async Task An_unknown_tenant_refuses_the_call()
    {
        await using var cluster = await ActivityCluster.StartAsync();

        var refusal = await Assert.ThrowsAsync<EventsRefusedException>(() => cluster.Grains.GetGrain<IIngestGrain>(0).EmitAsync("ten_nobody0000000000", [new EventInput("vote", "u1"), new EventInput("vote", "u2")]));

        Assert.Equal("There is no tenant 'ten_nobody0000000000'.", Assert.Single(refusal.Errors["tenantId"]));
        Assert.Empty(refusal.Refused);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_stores_nothing_more_and_gets_the_same_id()
    {
        var log = new MemoryEventLog();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        var tenant = await cluster.CreateTenantAsync();
        var ingest = cluster.Grains.GetGrain<IIngestGrain>(0);

        var first = await ingest.EmitAsync(tenant, [new EventInput("vote", "u1", IdempotencyKey: "k-1")]);
        var retry = await ingest.EmitAsync(tenant, [new EventInput("vote", "u1", IdempotencyKey: "k-1")]);

        Assert.Equal(first[0], retry[0]);
        Assert.Single(await log.ReadAsync(tenant, 0, 10, default));
    }

    [Fact]
    public async Task Emitted_events_reach_the_feed()
    {
        var store = new MemoryFeedStore();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IFeedStore>(store));
        var tenant = await cluster.CreateTenantAsync();

        await cluster.Grains.GetGrain<IIngestGrain>(0).EmitAsync(tenant, [new EventInput("deployment", "u1")]);
        await cluster.Grains.GetGrain<Abstractions.Feed.IFeedGrain>(tenant).DrainAsync();

        Assert.Equal("deployment", Assert.Single(await store.ListTilesAsync(tenant, null, 10, default)).EventType);
    }

    [Fact]
    public async Task More_events_than_a_batch_holds_are_refused_as_a_whole()
    {
        await using var cluster = await ActivityCluster.StartAsync(settings: new Dictionary<string, string?> { ["Activity:Ingest:MaxBatch"] = "2" });
        var tenant = await cluster.CreateTenantAsync();

        var refusal = await Assert.ThrowsAsync<EventsRefusedException>(() => cluster.Grains.GetGrain<IIngestGrain>(0).EmitAsync(tenant, [.. Enumerable.Range(0, 3).Select(i => new EventInput("vote", $"u{i}"))]));

        Assert.Equal("holds 3 events; send at most 2 per request.", Assert.Single(refusal.Errors["events"]));
    }
}
