using System.Text.Json;
using Activity.Domain.Feed;

namespace Activity.Domain.Tests.Feed;

public sealed class TileScrubTests
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_tile_of_theirs_alone_goes()
    {
        var tile = Group("erin", "erin");

        Assert.True(TileScrub.Names(tile, "erin"));
        Assert.Null(TileScrub.Without(tile, "erin"));
    }

    [Fact]
    public void A_group_keeps_its_count_without_their_samples_and_takes_payload_and_description_from_the_first_left()
    {
        var tile = Group("erin", "carol", "dan");

        var kept = TileScrub.Without(tile, "erin")!;

        Assert.Equal(["carol", "dan"], kept.ActorIds);
        Assert.Equal(["carol", "dan"], kept.Samples.Select(s => s.ActorId));
        Assert.Equal(3, kept.Count);
        Assert.Equal("carol's badge", kept.Payload!.Value.GetProperty("badgeName").GetString());
        Assert.Equal("3 badges earned by 2 people", kept.Description);
        Assert.False(TileScrub.Names(kept, "erin"));
    }

    [Fact]
    public void A_sample_on_their_item_stays_without_the_owner()
    {
        var tile = Group("bob") with { Samples = [Sample("bob") with { ItemOwnerId = "erin" }] };

        var kept = TileScrub.Without(tile, "erin")!;

        Assert.True(TileScrub.Names(tile, "erin"));
        Assert.Null(Assert.Single(kept.Samples).ItemOwnerId);
        Assert.Equal(tile.Description, kept.Description);
    }

    private static Tile Group(params string[] actors) => new(
        Guid.NewGuid(), "badge_earned", "Badge earned", "old description", "award", actors.Length,
        [.. actors.Distinct()], [.. actors.Select(Sample)], Sample(actors[0]).Payload, Nine, Nine, default, Nine, 1);

    private static TileSample Sample(string actor) =>
        new(Guid.NewGuid(), actor, "item", null, Nine, JsonSerializer.SerializeToElement(new { badgeName = $"{actor}'s badge" }));
}
