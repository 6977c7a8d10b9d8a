using Activity.Abstractions.Ingest;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Memory.Log;
using Orleans.Storage;

namespace Activity.Grains.Tests.Feed;

public sealed class FeedGrainTests
{
    [Fact]
    public async Task An_emitted_event_is_acknowledged_with_its_id_and_becomes_a_tile()
    {
        await using var feed = await FeedCluster.StartAsync();

        var ids = await feed.EmitAsync(FeedCluster.Draft("badge_earned", "u1", """{"badgeName":"Sprint Champion","xp":50}"""));
        await feed.Feed.DrainAsync();

        var tile = Assert.Single(await feed.TilesAsync());
        Assert.Equal(ids[0], tile.Id);
        Assert.Equal("Badge earned: Sprint Champion (+50 XP)", tile.Description);
        Assert.Equal(feed.Time.GetUtcNow(), tile.CreatedAt);
    }

    [Fact]
    public async Task Three_events_one_after_another_show_as_created_created_then_the_group_update_and_a_removal()
    {
        await using var feed = await FeedCluster.StartAsync();

        var first = await feed.EmitAppliedAsync("vote", "u1");
        var second = await feed.EmitAppliedAsync("vote", "u2");
        await feed.EmitAppliedAsync("vote", "u3");

        var messages = await feed.ChangesAsync();
        Assert.Equal([1L, 2, 3, 4], messages.Select(m => m.Sequence));
        Assert.Equal([FeedChangeKinds.Created, FeedChangeKinds.Created, FeedChangeKinds.Updated, FeedChangeKinds.Removed], messages.Select(m => m.Kind));
        Assert.Equal(first.ToString(), messages[2].Data().GetProperty("id").GetString());
        Assert.Equal(3, messages[2].Data().GetProperty("count").GetInt32());
        Assert.Equal(second.ToString(), messages[3].Data().GetProperty("id").GetString());
        Assert.Equal(first, Assert.Single(await feed.TilesAsync()).Id);
    }

    [Fact]
    public async Task Events_applied_together_show_only_their_final_state()
    {
        await using var feed = await FeedCluster.StartAsync();

        await feed.EmitAsync(FeedCluster.Draft("vote", "u1"), FeedCluster.Draft("vote", "u2"), FeedCluster.Draft("vote", "u3"));
        await feed.Feed.DrainAsync();

        var message = Assert.Single(await feed.ChangesAsync());
        Assert.Equal(FeedChangeKinds.Created, message.Kind);
        Assert.Equal(3, message.Data().GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_event_after_the_window_closed_starts_a_new_window()
    {
        await using var feed = await FeedCluster.StartAsync();
        await feed.EmitAppliedAsync("vote", "u1");
        await feed.EmitAppliedAsync("vote", "u2");

        feed.Time.Advance(TimeSpan.FromMinutes(5));
        await feed.EmitAppliedAsync("vote", "u3");

        var tiles = await feed.TilesAsync();
        Assert.Equal(3, tiles.Count);
        Assert.All(tiles, t => Assert.Equal(1, t.Count));
    }

    [Fact]
    public async Task Types_are_grouped_apart_when_they_interleave()
    {
        await using var feed = await FeedCluster.StartAsync();

        foreach (var type in new[] { "vote", "comment", "vote", "comment", "vote", "comment", "comment" })
        {
            await feed.EmitAppliedAsync(type);
        }

        var tiles = await feed.TilesAsync();
        Assert.Equal(2, tiles.Count);
        Assert.Equal(3, tiles.Single(t => t.EventType == "vote").Count);
        Assert.Equal(4, tiles.Single(t => t.EventType == "comment").Count);
    }

    [Fact]
    public async Task A_new_activation_goes_on_grouping_where_the_last_one_left_off()
    {
        var first = await FeedCluster.StartAsync();
        await first.EmitAppliedAsync("vote", "u1");
        await first.EmitAppliedAsync("vote", "u2");
        await first.DisposeAsync();

        await using var second = await FeedCluster.StartAsync(sharingStoresWith: first);
        await second.EmitAppliedAsync("vote", "u3");

        var group = Assert.Single(await second.TilesAsync());
        Assert.Equal(3, group.Count);
    }

    [Fact]
    public async Task A_second_activation_of_a_feed_cannot_apply_an_event_twice()
    {
        // Two clusters on one store: two activations of the same feed, as Orleans can briefly have
        // after a silo dies and before the cluster agrees on where the grain lives.
        await using var first = await FeedCluster.StartAsync();
        await using var second = await FeedCluster.StartAsync(sharingStoresWith: first);
        Assert.Equal(0, await first.Feed.DrainAsync());
        Assert.Equal(0, await second.Feed.DrainAsync());

        await first.EmitAsync(FeedCluster.Draft("vote", "u1"), FeedCluster.Draft("deployment", "u2"));
        await first.Feed.DrainAsync();
        Assert.Equal(2, await first.CheckpointAsync());

        // The second still believes in checkpoint 0: the guard refuses its write, and it starts over.
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.Feed.DrainAsync());
        Assert.Equal(0, await second.Feed.DrainAsync());

        Assert.Equal(2, (await first.TilesAsync()).Count);
        Assert.Equal([1L, 2], (await first.ChangesAsync()).Select(c => c.Sequence));
        Assert.Equal(2, await first.CheckpointAsync());
    }

    [Fact]
    public async Task Events_acknowledged_but_not_applied_are_applied_exactly_once_by_the_next_activation()
    {
        // A log with seven events nobody applied: what a silo that crashed after acknowledging leaves.
        var log = new MemoryEventLog();
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        await log.AppendAsync(
            [.. Enumerable.Range(0, 7).Select(i => new NewEvent(FeedCluster.Tenant, Guid.CreateVersion7(), "deployment", $"u{i}", null, null, at, at, null, null))],
            TimeSpan.FromHours(24),
            default);
        await using var feed = await FeedCluster.StartAsync(log: log);

        // The activation catches up before it answers, so this drain finds nothing left.
        Assert.Equal(0, await feed.Feed.DrainAsync());

        var group = Assert.Single(await feed.TilesAsync());
        Assert.Equal(7, group.Count);
        Assert.Equal(7, await feed.CheckpointAsync());
    }

    [Fact]
    public async Task The_sweep_applies_the_log_of_a_feed_that_was_never_woken()
    {
        await using var feed = await FeedCluster.StartAsync();
        var now = feed.Time.GetUtcNow();
        await feed.EventLog.AppendAsync([new NewEvent(FeedCluster.Tenant, Guid.CreateVersion7(), "vote", "u1", null, null, now, now, null, null)], TimeSpan.FromHours(24), default);

        var report = await feed.Cluster.Grains.GetGrain<IFeedSweepGrain>(0).SweepAsync();

        Assert.Equal(1, report.Lagging);
        Assert.Single(await feed.TilesAsync());
    }

    [Fact]
    public async Task With_several_commits_in_flight_every_event_is_applied_once()
    {
        await using var feed = await FeedCluster.StartAsync(settings: new Dictionary<string, string?> { ["Activity:Ingest:ConcurrentCommits"] = "4" });

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => feed.EmitAsync(FeedCluster.Draft("vote", $"u{i}"))));
        await feed.Feed.DrainAsync();

        Assert.Equal(200, Assert.Single(await feed.TilesAsync()).Count);
        Assert.Equal(200, await feed.CheckpointAsync());
    }

    [Fact]
    public async Task A_repeated_idempotency_key_is_one_event_acknowledged_with_one_id()
    {
        await using var feed = await FeedCluster.StartAsync();

        var first = await feed.EmitAsync(FeedCluster.Draft("vote", key: "order-42"));
        var again = await feed.EmitAsync(FeedCluster.Draft("vote", key: "order-42"));
        await feed.Feed.DrainAsync();

        Assert.Equal(first, again);
        Assert.Equal(1, Assert.Single(await feed.TilesAsync()).Count);
    }

    [Fact]
    public async Task Emits_waiting_when_the_silo_stops_are_written_before_it_stops_and_later_ones_are_refused()
    {
        await using var feed = await FeedCluster.StartAsync();
        var ingestor = feed.Cluster.Service<EventIngestor>();

        var waiting = ingestor.EmitAsync(FeedCluster.Tenant, [FeedCluster.Draft("vote")]);
        await feed.Cluster.Cluster.StopSiloAsync(feed.Cluster.Cluster.Silos[0]);

        Assert.Single(await waiting);
        Assert.Single(await feed.EventLog.ReadAsync(FeedCluster.Tenant, 0, 10, default));
        await Assert.ThrowsAsync<IngestUnavailableException>(() => ingestor.EmitAsync(FeedCluster.Tenant, [FeedCluster.Draft("vote")]));
    }
}
