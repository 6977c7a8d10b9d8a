using Activity.Domain.Feed;
using Activity.Domain.Stats;

namespace Activity.Domain.Tests.Stats;

public sealed class StatsSectionsTests
{
    // Wednesday 2026-12-02: its ISO week starts Monday 2026-11-30, its month on 2026-12-01.
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private long _sequence;

    [Fact]
    public void Periods_are_today_the_ISO_week_from_Monday_and_the_calendar_month_in_UTC()
    {
        var periods = StatsPeriods.Of(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.FromHours(-5)));

        Assert.Equal(new StatsPeriods(new DateOnly(2026, 12, 3), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)), periods);
    }

    [Fact]
    public void Users_are_distinct_actors_and_new_users_are_counted_by_their_first_sign_up()
    {
        var users = new UserRegistry();
        users.Apply(Batch(
            Event("SIGN_UP", "ann", Now.AddDays(-3)), // Sunday of the week before
            Event("sign_up", "bob", Now.AddDays(-1)),
            Event("SIGN_UP", "bob", Now),
            Event("SIGN_UP", "cat", Now),
            Event("vote", "dan", Now),
            Event("vote", "ann", Now)));
        var p = StatsPeriods.Of(Now);

        Assert.Equal((4, 3), (users.Total, users.Registered));
        Assert.Equal((1, 2, 2), (users.New(p.Today, p.Today), users.New(p.WeekStart, p.Today), users.New(p.MonthStart, p.Today)));
    }

    [Fact]
    public void A_forgotten_person_leaves_users_newsletter_submissions_and_activity_as_if_never_seen()
    {
        var erins = Batch(
            Event("SIGN_UP", "erin", Now),
            Event("submission", "erin", Now),
            Event("view", "erin", Now),
            Event("newsletter_subscribed", "erin", Now));
        var bobs = Batch(Event("SIGN_UP", "bob", Now), Event("submission", "bob", Now));
        var users = new UserRegistry();
        var newsletter = new NewsletterCounts();
        var submissions = new SubmissionCounts();
        var activity = new EngagementTotals();
        foreach (var batch in new[] { bobs, erins })
        {
            users.Apply(batch);
            newsletter.Apply(batch);
            submissions.Apply(batch);
            activity.Apply(batch);
        }

        activity.Report("erin", votes: 2, comments: 1, checkpoint: 6);
        activity.Report("bob", votes: 1, comments: 0, checkpoint: 6);
        var p = StatsPeriods.Of(Now);

        users.Forget("erin", erins);
        newsletter.Forget("erin", erins);
        submissions.Forget(erins);
        activity.Forget("erin", erins, votes: 0, comments: 0, checkpoint: 6);
        activity.Report("erin", votes: 2, comments: 1, checkpoint: 5); // late, from before the erasure

        Assert.Equal((1, 1, 1), (users.Total, users.Registered, users.New(p.Today, p.Today)));
        Assert.Equal((0, 0), (newsletter.Subscribers, newsletter.Subscribed(p.WeekStart, p.Today)));
        Assert.Equal((1, 1), (submissions.Total, submissions.Between(p.Today, p.Today)));
        Assert.Equal((0L, 1L, 0L), (activity.Views, activity.Votes, activity.Comments));
    }

    [Fact]
    public void A_subscriber_is_someone_whose_latest_newsletter_event_subscribed_them()
    {
        var newsletter = new NewsletterCounts();
        newsletter.Apply(Batch(
            Event("newsletter_subscribed", "ann", Now.AddDays(-10)),
            Event("newsletter_subscribed", "bob", Now),
            Event("newsletter_unsubscribed", "ann", Now),
            Event("newsletter_subscribed", "cat", Now),
            Event("newsletter_unsubscribed", "cat", Now),
            Event("newsletter_subscribed", "cat", Now)));
        var p = StatsPeriods.Of(Now);

        Assert.Equal(2, newsletter.Subscribers);
        Assert.Equal((3, 2), (newsletter.Subscribed(p.WeekStart, p.Today), newsletter.Unsubscribed(p.WeekStart, p.Today)));
    }

    [Fact]
    public void Totals_add_up_the_latest_report_of_each_user_and_ignore_older_ones()
    {
        var totals = new EngagementTotals();

        totals.Report("ann", 3, 1, checkpoint: 10);
        totals.Report("bob", 2, 0, checkpoint: 11);
        totals.Report("ann", 2, 1, checkpoint: 12);
        totals.Report("ann", 5, 5, checkpoint: 10); // late and older
        totals.Report("bob", 2, 0, checkpoint: 11); // the same again

        Assert.Equal((4, 1), (totals.Votes, totals.Comments));
        var restored = EngagementTotals.Restore(totals.ToSnapshot());
        restored.Report("ann", 9, 9, checkpoint: 11);
        Assert.Equal((4, 1), (restored.Votes, restored.Comments));
    }

    [Fact]
    public void Submissions_count_by_the_day_they_occurred_and_old_days_are_forgotten_but_not_the_total()
    {
        var submissions = new SubmissionCounts();
        submissions.Apply(Batch(Event("submission", "ann", Now.AddDays(-100)), Event("submission", "ann", Now.AddDays(-2)), Event("submission", "bob", Now)));
        var p = StatsPeriods.Of(Now);

        Assert.Equal(3, submissions.Total);
        Assert.Equal((1, 2, 1), (submissions.Between(p.Today, p.Today), submissions.Between(p.WeekStart, p.Today), submissions.Between(p.MonthStart, p.Today)));
        Assert.Equal(0, submissions.Between(DateOnly.MinValue, p.Today.AddDays(-DailyCounts.DaysKept)));
        Assert.Equal(3, SubmissionCounts.Restore(submissions.ToSnapshot()).Total);
    }

    [Fact]
    public void A_batch_gathers_a_range_of_the_log()
    {
        var batch = Batch(Event("vote", "ann", Now), Event("view", "bob", Now), Event("comment_deleted", "cat", Now), Event("page_view", "ann", Now));

        Assert.Equal((1L, 4L), (batch.First, batch.Last));
        Assert.Equal(["ann", "bob", "cat"], batch.Actors.Order());
        Assert.Equal(["ann", "cat"], batch.Engaged.Order());
        Assert.Equal(1, batch.Views);
    }

    private StatsBatch Batch(params LoggedEvent[] events) => StatsBatch.Of(events[0].Sequence, events[^1].Sequence, events);

    private LoggedEvent Event(string type, string actor, DateTimeOffset at) => new(Guid.NewGuid(), ++_sequence, type, actor, null, null, at, Now, null);
}
