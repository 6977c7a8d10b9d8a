namespace Activity.Silo.Tests.Feed;

public sealed class GroupingApiTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 1, 1 })]
    [InlineData(3, new[] { 3 })]
    [InlineData(7, new[] { 7 })]
    public async Task Events_of_one_type_in_one_window_become_tiles_then_one_group(int events, int[] counts)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        for (var i = 0; i < events; i++)
        {
            await tenant.EmitAppliedAsync("badge_earned", $"u{i}");
        }

        var tiles = await tenant.TilesAsync();
        Assert.Equal(counts, tiles.Select(t => (int)t!["count"]!));
        if (events >= 3)
        {
            Assert.Equal(Math.Min(events, 5), tiles[0]!["samples"]!.AsArray().Count);
            Assert.Equal($"{events} badges earned by {events} people", (string?)tiles[0]!["description"]);
        }
    }

    [Fact]
    public async Task Interleaved_types_group_separately()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        foreach (var type in new[] { "vote", "comment", "vote", "deployment", "vote", "comment" })
        {
            await tenant.EmitAppliedAsync(type);
        }

        var tiles = (await tenant.TilesAsync()).Select(t => ((string?)t!["eventType"], (int)t["count"]!)).ToList();
        Assert.Contains(("vote", 3), tiles);
        Assert.Equal(2, tiles.Count(t => t == ("comment", 1)));
        Assert.Contains(("deployment", 1), tiles);
        Assert.Equal(4, tiles.Count);
    }

    [Fact]
    public async Task An_event_after_the_window_closes_starts_a_new_window()
    {
        await using var silo = await ClockedSilo.StartAsync();
        var tenant = await silo.CreateTenantAsync();
        await tenant.EmitAppliedAsync("vote", "u1");
        silo.Time.Advance(TimeSpan.FromMinutes(4));
        await tenant.EmitAppliedAsync("vote", "u2");

        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await tenant.EmitAppliedAsync("vote", "u3");

        Assert.Equal([1, 1, 1], (await tenant.TilesAsync()).Select(t => (int)t!["count"]!));
        await tenant.EmitAppliedAsync("vote", "u4");
        await tenant.EmitAppliedAsync("vote", "u5");
        Assert.Equal([3, 1, 1], (await tenant.TilesAsync()).Select(t => (int)t!["count"]!));
    }
}
