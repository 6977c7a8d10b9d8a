using Activity.Grains.Projections;
using Microsoft.Extensions.Time.Testing;

namespace Activity.Grains.Tests.Projections;

/// <summary>What the projection lag gauges read: how far behind a follower is, in sequences and in time.</summary>
public sealed class FollowerPositionTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_follower_that_applied_all_it_saw_is_not_behind()
    {
        var position = new FollowerPosition("feed", "ten_a", _time);
        position.Applied(7);
        position.Seen(7);

        Assert.Equal(0, position.Behind);
        Assert.Equal(TimeSpan.Zero, position.Lag);
    }

    [Fact]
    public void Lag_counts_from_when_it_fell_behind_until_it_is_current_again()
    {
        var position = new FollowerPosition("feed", "ten_a", _time);
        position.Seen(5);
        _time.Advance(TimeSpan.FromSeconds(2));
        position.Seen(9);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(9, position.Behind);
        Assert.Equal(TimeSpan.FromSeconds(3), position.Lag);

        position.Applied(5);
        Assert.Equal(4, position.Behind);
        Assert.Equal(TimeSpan.FromSeconds(3), position.Lag);

        position.Applied(9);
        Assert.Equal(0, position.Behind);
        Assert.Equal(TimeSpan.Zero, position.Lag);

        _time.Advance(TimeSpan.FromSeconds(5));
        position.Seen(10);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), position.Lag);
    }

    [Fact]
    public void A_batch_seen_again_after_it_was_applied_leaves_it_current()
    {
        var position = new FollowerPosition("feed", "ten_a", _time);
        position.Seen(3);
        position.Applied(3);
        position.Seen(2);

        Assert.Equal(0, position.Behind);
        Assert.Equal(TimeSpan.Zero, position.Lag);
    }
}
