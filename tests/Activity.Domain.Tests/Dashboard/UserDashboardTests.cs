using System.Text.Json;
using Activity.Domain.Dashboard;
using Activity.Domain.Feed;

namespace Activity.Domain.Tests.Dashboard;

public sealed class UserDashboardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private long _sequence;

    [Fact]
    public void Votes_and_comments_count_for_the_actor_and_the_items_owner()
    {
        var alice = Apply("alice",
            Event("vote", "alice", "p1", "bob"),
            Event("comment", "alice", "p1", "bob"),
            Event("vote", "alice", "p2", "bob"),
            Event("vote", "bob", "a1", "alice"));

        Assert.Equal(new DashboardTotals(3, 2, 1, 0, 0, 0), alice.Totals());
    }

    [Fact]
    public void An_item_voted_on_and_commented_on_is_one_item_interacted_with()
    {
        var alice = Apply("alice", Event("vote", "alice", "p1"), Event("comment", "alice", "p1"));

        Assert.Equal(1, alice.Totals().UniqueItemsInteracted);
    }

    [Fact]
    public void A_removed_vote_leaves_the_week_and_day_it_was_counted_in()
    {
        var lastWeek = Now.AddDays(-7);
        var bob = Apply("bob",
            Event("vote", "alice", "p1", "bob", at: lastWeek),
            Event("vote", "carol", "p1", "bob"),
            Event("vote_removed", "alice", "p1", "bob"));

        var weekly = bob.Weekly(Now, 2);
        Assert.Equal([0, 1], weekly.Select(w => w.Votes));
        Assert.Equal(0, bob.Daily(Now, 8)[0].Engagement);
        Assert.Equal(1, bob.Totals().VotesReceived);
    }

    [Fact]
    public void Comment_deleted_takes_back_the_comment_it_names()
    {
        var bob = Apply("bob",
            Event("comment", "alice", "p1", "bob", commentId: "c1", at: Now.AddDays(-1)),
            Event("comment", "alice", "p1", "bob", commentId: "c2"),
            Event("comment_deleted", "alice", "p1", "bob", commentId: "c1"));

        Assert.Equal([0, 1], bob.Daily(Now, 2).Select(d => d.Engagement));
        Assert.Equal(1, bob.Totals().CommentsReceived);
    }

    [Fact]
    public void A_removal_with_nothing_to_match_changes_nothing()
    {
        var bob = Apply("bob",
            Event("vote", "alice", "p1", "bob"),
            Event("vote_removed", "carol", "p1", "bob"),
            Event("vote_removed", "alice", "p2", "bob"),
            Event("comment_deleted", "alice", "p1", "bob", commentId: "c9"));

        Assert.Equal(new DashboardTotals(0, 0, 1, 0, 0, 0), bob.Totals());
    }

    [Fact]
    public void An_event_applied_twice_counts_once()
    {
        var vote = Event("vote", "alice", "p1", "bob");
        var bob = Apply("bob", vote);

        Assert.False(bob.Apply(vote));
        Assert.Equal(1, bob.Totals().VotesReceived);
    }

    [Theory]
    [InlineData("2021-01-03", "2020-53")] // a Sunday still in 2020's week 53
    [InlineData("2021-01-04", "2021-01")]
    [InlineData("2024-12-30", "2025-01")] // a Monday in 2024 that starts 2025's week 1
    [InlineData("2026-12-31", "2026-53")]
    public void Weeks_are_ISO_weeks_at_year_boundaries(string date, string week)
    {
        var at = DateTimeOffset.Parse(date + "T23:30:00Z");
        var owner = Apply("bob", Event("vote", "alice", "p1", "bob", at: at));

        var current = owner.Weekly(at, 3);

        Assert.Equal(week, current[^1].Week);
        Assert.Equal(["W1", "W2", "W3"], current.Select(w => w.Label));
        Assert.Equal([0, 0, 1], current.Select(w => w.Votes));
    }

    [Fact]
    public void Days_run_oldest_first_to_today_with_empty_days_present()
    {
        var bob = Apply("bob",
            Event("submission", "bob", "p9", at: Now.AddDays(-2)),
            Event("view", "carol", "p9", "bob", at: Now.AddDays(-2)),
            Event("view", "carol", "p9", "bob"));

        var daily = bob.Daily(Now, 3);

        Assert.Equal(
            [new DayEngagement(new DateOnly(2026, 11, 28), "Sat", 1, 1, 0), new DayEngagement(new DateOnly(2026, 11, 29), "Sun", 0, 0, 0), new DayEngagement(new DateOnly(2026, 11, 30), "Mon", 0, 1, 0)],
            daily);
    }

    [Fact]
    public void Top_items_rank_by_votes_and_comments_then_item_id()
    {
        var bob = Apply("bob",
            Event("submission", "bob", "p0"),
            Event("vote", "alice", "p2", "bob"),
            Event("comment", "alice", "p1", "bob"),
            Event("vote", "carol", "p3", "bob"),
            Event("comment", "carol", "p3", "bob"));

        Assert.Equal(
            [new ItemEngagement("p3", 1, 1), new ItemEngagement("p1", 0, 1), new ItemEngagement("p2", 1, 0), new ItemEngagement("p0", 0, 0)],
            bob.TopItems(5));
        Assert.Single(bob.TopItems(1));
    }

    [Fact]
    public void A_snapshot_stored_with_ids_before_hashes_restores_and_its_removals_still_match()
    {
        // As snapshots were written before the dashboard kept ids as hashes.
        const string Stored = """
            {"userId":"bob","checkpoint":100,"submissions":1,"views":0,
             "made":[{"itemId":"p7","votes":1,"comments":["c9",null]},{"itemId":"","votes":1,"comments":[]}],
             "received":[{"itemId":"p1","submitted":true,"marks":[
                {"comment":false,"actor":"alice","commentId":null,"date":"2026-11-30"},
                {"comment":true,"actor":"carol","commentId":"c1","date":"2026-11-30"}]}],
             "days":[{"date":"2026-11-30","submissions":1,"views":0}]}
            """;
        var bob = UserDashboard.Restore(JsonSerializer.Deserialize<DashboardSnapshot>(Stored, JsonSerializerOptions.Web)!);
        Assert.Equal(new DashboardTotals(4, 1, 1, 1, 1, 0), bob.Totals());
        _sequence = 100;

        foreach (var e in new[]
        {
            Event("comment_deleted", "carol", "p1", "bob", commentId: "c1"),
            Event("vote_removed", "alice", "p1", "bob"),
            Event("comment_deleted", "bob", "p7", commentId: "c9"),
            Event("vote_removed", "bob", "p7"),
        })
        {
            Assert.True(bob.Apply(e), e.Type);
        }

        Assert.Equal(new DashboardTotals(2, 1, 0, 0, 1, 0), bob.Totals());
        Assert.Equal([new ItemEngagement("p1", 0, 0)], bob.TopItems(5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(UserDashboard.WeeksKept + 1)]
    public void Weekly_refuses_a_range_it_does_not_keep(int weeks) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new UserDashboard("bob").Weekly(Now, weeks));

    private UserDashboard Apply(string user, params LoggedEvent[] events)
    {
        var dashboard = new UserDashboard(user);
        foreach (var e in events)
        {
            dashboard.Apply(e);
        }

        return dashboard;
    }

    private LoggedEvent Event(string type, string actor, string? item = null, string? owner = null, string? commentId = null, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), ++_sequence, type, actor, item, owner, at ?? Now, Now, commentId is null ? null : JsonSerializer.SerializeToElement(new { commentId }));
}
