using System.Text.Json;
using Activity.Domain.Feed;

namespace Activity.Domain.Tests.Feed;

public sealed class FeedWindowsTests
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly FeedWindows _windows = new(GroupingRules.Default);
    private long _sequence;

    [Fact]
    public void One_event_makes_one_tile()
    {
        var e = Event("badge_earned", "u1", Nine, """{"badgeName":"Sprint Champion","xp":50}""");

        var change = Assert.Single(Apply(e));

        Assert.Equal(TileChangeKind.Created, change.Kind);
        Assert.Equal(e.Id, change.Tile!.Id);
        Assert.Equal(1, change.Tile.Count);
        Assert.Equal("Badge earned: Sprint Champion (+50 XP)", change.Tile.Description);
        Assert.Equal("Badge earned", change.Tile.DisplayName);
        Assert.Equal("award", change.Tile.Icon);
    }

    [Fact]
    public void Two_events_make_two_tiles()
    {
        Apply(Event("badge_earned", "u1", Nine));

        var change = Assert.Single(Apply(Event("badge_earned", "u2", Nine.AddMinutes(1))));

        Assert.Equal(TileChangeKind.Created, change.Kind);
        Assert.Equal(2, _windows.Tiles.Count());
    }

    [Fact]
    public void The_third_event_turns_the_first_tile_into_the_group_and_removes_the_second()
    {
        var first = Event("badge_earned", "u1", Nine);
        var second = Event("badge_earned", "u2", Nine.AddMinutes(1));
        Apply(first);
        Apply(second);

        var changes = Apply(Event("badge_earned", "u3", Nine.AddMinutes(2)));

        Assert.Equal([TileChangeKind.Updated, TileChangeKind.Removed], changes.Select(c => c.Kind));
        var group = changes[0].Tile!;
        Assert.Equal(first.Id, group.Id);
        Assert.Equal(3, group.Count);
        Assert.Equal(["u1", "u2", "u3"], group.ActorIds);
        Assert.Equal("3 badges earned by 3 people", group.Description);
        Assert.Equal(second.Id, changes[1].TileId);
        Assert.Equal(first.Id, changes[1].MergedInto);
    }

    [Fact]
    public void Seven_events_make_one_group_of_seven_with_five_samples()
    {
        var events = Enumerable.Range(0, 7).Select(i => Event("deployment", $"u{i % 2}", Nine.AddSeconds(i * 30))).ToList();
        List<TileChange> last = [];
        foreach (var e in events)
        {
            last = Apply(e);
        }

        var group = Assert.Single(_windows.Tiles);
        Assert.Equal(7, group.Count);
        Assert.Equal(events.Take(5).Select(e => e.Id), group.Samples.Select(s => s.EventId));
        Assert.Equal(["u0", "u1"], group.ActorIds);
        Assert.Equal(Nine.AddSeconds(180), group.UpdatedAt);
        Assert.Equal(Nine, group.CreatedAt);
        Assert.Equal(TileChangeKind.Updated, Assert.Single(last).Kind);
    }

    [Fact]
    public void Types_group_separately_when_interleaved()
    {
        foreach (var type in new[] { "vote", "comment", "vote", "comment", "vote" })
        {
            Apply(Event(type, "u1", Nine));
        }

        var tiles = _windows.Tiles.ToList();
        Assert.Equal(3, tiles.Count(t => t.EventType == "vote") + tiles.Count(t => t.EventType == "comment"));
        Assert.Equal(3, Assert.Single(tiles, t => t.EventType == "vote").Count);
        Assert.Equal(2, tiles.Count(t => t.EventType == "comment"));
    }

    [Fact]
    public void A_window_lasts_five_minutes_from_its_first_event_not_from_its_latest()
    {
        Apply(Event("vote", "u1", Nine));
        Apply(Event("vote", "u2", Nine.AddMinutes(4)));
        Apply(Event("vote", "u3", Nine.AddMinutes(4).AddSeconds(59)));

        var change = Assert.Single(Apply(Event("vote", "u4", Nine.AddMinutes(5))));

        Assert.Equal(TileChangeKind.Created, change.Kind);
        Assert.Equal(Nine.AddMinutes(5), change.Tile!.WindowStart);
        Assert.Equal(1, change.Tile.Count);
    }

    [Fact]
    public void Events_applied_together_fold_into_each_tiles_final_state()
    {
        var first = Event("vote", "u1", Nine);

        var change = Assert.Single(_windows.Apply([first, Event("vote", "u2", Nine), Event("vote", "u3", Nine)]));

        Assert.Equal(TileChangeKind.Created, change.Kind);
        Assert.Equal(first.Id, change.TileId);
        Assert.Equal(3, change.Tile!.Count);
    }

    [Fact]
    public void Restored_windows_continue_grouping_where_they_left_off()
    {
        Apply(Event("vote", "u1", Nine));
        Apply(Event("vote", "u2", Nine.AddMinutes(1)));
        var restored = new FeedWindows(GroupingRules.Default);
        restored.Restore(_windows.Tiles.Select((t, i) => t with { Position = i + 1 }));

        var changes = restored.Apply([Event("vote", "u3", Nine.AddMinutes(2))]);

        Assert.Equal([TileChangeKind.Updated, TileChangeKind.Removed], changes.Select(c => c.Kind));
        Assert.Equal(3, changes[0].Tile!.Count);
    }

    [Fact]
    public void A_threshold_of_two_groups_at_the_second_event()
    {
        var windows = new FeedWindows(GroupingRules.Default with { Threshold = 2 });
        windows.Apply([Event("vote", "u1", Nine)]);

        var second = windows.Apply([Event("vote", "u2", Nine)]);

        Assert.Equal(TileChangeKind.Updated, Assert.Single(second).Kind);
        Assert.Equal(2, Assert.Single(windows.Tiles).Count);
    }

    [Fact]
    public void A_group_that_takes_many_events_in_one_batch_is_one_change_with_the_final_count()
    {
        Apply(Event("vote", "u1", Nine));
        Apply(Event("vote", "u2", Nine));
        Apply(Event("vote", "u3", Nine));

        var changes = _windows.Apply([.. Enumerable.Range(4, 97).Select(i => Event("vote", $"u{i}", Nine.AddSeconds(i)))]);

        var change = Assert.Single(changes);
        Assert.Equal((TileChangeKind.Updated, 100), (change.Kind, change.Tile!.Count));
        Assert.Equal(Nine.AddSeconds(100), change.Tile.UpdatedAt);
        Assert.Equal(5, change.Tile.Samples.Count);
    }

    [Fact]
    public void A_threshold_of_one_makes_every_window_a_group_from_its_first_event()
    {
        var windows = new FeedWindows(GroupingRules.Default with { Threshold = 1 });

        var first = Assert.Single(windows.Apply([Event("vote", "u1", Nine)]));
        var second = Assert.Single(windows.Apply([Event("vote", "u2", Nine)]));

        Assert.Equal((TileChangeKind.Created, 1), (first.Kind, first.Tile!.Count));
        Assert.Equal((TileChangeKind.Updated, 2), (second.Kind, second.Tile!.Count));
        Assert.Equal(["u1", "u2"], second.Tile.ActorIds);
    }

    [Fact]
    public void A_group_lists_at_most_fifty_actors_and_says_so()
    {
        for (var i = 0; i < 60; i++)
        {
            Apply(Event("SIGN_IN", $"user-{i}", Nine));
        }

        var group = Assert.Single(_windows.Tiles);
        Assert.Equal(60, group.Count);
        Assert.Equal(50, group.ActorIds.Count);
        Assert.Equal("60 sign-ins by 50+ people", group.Description);
    }

    private List<TileChange> Apply(LoggedEvent e) => [.. _windows.Apply([e])];

    private LoggedEvent Event(string type, string actor, DateTimeOffset receivedAt, string? payload = null) => new(
        Guid.CreateVersion7(receivedAt),
        ++_sequence,
        type,
        actor,
        ItemId: null,
        ItemOwnerId: null,
        OccurredAt: receivedAt,
        ReceivedAt: receivedAt,
        payload is null ? null : JsonDocument.Parse(payload).RootElement.Clone());
}
