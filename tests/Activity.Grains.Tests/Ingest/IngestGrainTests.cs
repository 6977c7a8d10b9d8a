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
    public async Task Valid_events_are_stored_and_invalid_ones_are_refused_naming_the_field()
    {
        var queue = new MemoryActivityQueue();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IActivityQueue>(queue));
        var tenant = await cluster.CreateTenantAsync();

        var receipts = await cluster.Grains.GetGrain<IIngestGrain>(0).EmitAsync(tenant,
        [
            new EventInput("badge_earned", "u1", Payload: JsonDocument.Parse("""{"badgeName":"Sprint Champion"}""").RootElement),
            new EventInput("not a type", "u2"),
            new EventInput("vote", ""),
            new EventInput("vote", "u3", Payload: JsonDocument.Parse("[1]").RootElement),
            new EventInput("vote", "u4", OccurredAt: cluster.Time.GetUtcNow().AddHours(1)),
            new EventInput("vote", "u5\0"),
        ]);

        Assert.True(receipts[0].Stored);
        Assert.StartsWith("type: 'not a type' is not an event type name", receipts[1].Refusal);
        Assert.Equal("actorId: cannot be empty.", receipts[2].Refusal);
        Assert.Equal("payload: must be a JSON object.", receipts[3].Refusal);
        Assert.StartsWith("occurredAt: is 60 minutes ahead", receipts[4].Refusal);
        Assert.StartsWith("actorId: must not contain the NUL character", receipts[5].Refusal);
        var stored = Assert.Single(await queue.ReadAsync(tenant, 0, 10, default));
        Assert.Equal((receipts[0].Id, "badge_earned", "Sprint Champion"), (stored.Id, stored.Type, stored.Payload!.Value.GetProperty("badgeName").GetString()));
    }

    [Fact]
    public async Task Audit_fields_are_checked_and_stored_for_the_audit_log()
    {
        var queue = new MemoryActivityQueue();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IActivityQueue>(queue));
        var tenant = await cluster.CreateTenantAsync();

        var receipts = await cluster.Grains.GetGrain<IIngestGrain>(0).EmitAsync(tenant,
        [
            new EventInput("SIGN_IN", "u1", Status: "success", IpAddress: "2001:0db8:0000::0001", RequestId: "r-1"),
            new EventInput("SIGN_IN", "u2", IpAddress: "localhost"),
            new EventInput("deployment", "u3", Environment: new string('e', 33)),
            new EventInput("deployment", "u4", Details: new string('d', 2001)),
        ]);

        Assert.True(receipts[0].Stored);
        Assert.StartsWith("ipAddress: 'localhost' is not an IPv4 address", receipts[1].Refusal);
        Assert.Equal("environment: is at most 32 characters (got 33).", receipts[2].Refusal);
        Assert.Equal("details: is at most 2000 characters (got 2001).", receipts[3].Refusal);
        var entry = Assert.Single(await new MemoryAuditLog(queue.Log).ListAsync(tenant, new Audit.AuditQuery(), default));
        Assert.Equal(("success", "2001:db8::1", "r-1"), (entry.Status, entry.IpAddress, entry.RequestId));
    }

    [Fact]
    public async Task An_unknown_tenant_refuses_every_event()
    {
        await using var cluster = await ActivityCluster.StartAsync();

        var receipts = await cluster.Grains.GetGrain<IIngestGrain>(0).EmitAsync("ten_nobody0000000000", [new EventInput("vote", "u1"), new EventInput("vote", "u2")]);

        Assert.All(receipts, r => Assert.Equal("There is no tenant 'ten_nobody0000000000'.", r.Refusal));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_stores_nothing_more_and_gets_the_same_id()
    {
        var queue = new MemoryActivityQueue();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IActivityQueue>(queue));
        var tenant = await cluster.CreateTenantAsync();
        var ingest = cluster.Grains.GetGrain<IIngestGrain>(0);

        var first = await ingest.EmitAsync(tenant, [new EventInput("vote", "u1", IdempotencyKey: "k-1")]);
        var retry = await ingest.EmitAsync(tenant, [new EventInput("vote", "u1", IdempotencyKey: "k-1")]);

        Assert.Equal(first[0].Id, retry[0].Id);
        Assert.Single(await queue.ReadAsync(tenant, 0, 10, default));
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

        var error = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Grains.GetGrain<IIngestGrain>(0).EmitAsync(tenant, [.. Enumerable.Range(0, 3).Select(i => new EventInput("vote", $"u{i}"))]));

        Assert.Contains("at most 2 events", error.Message);
    }
}
