using Activity.Abstractions.Stats;
using Activity.Domain.Stats;
using Activity.Grains.Dashboard;

namespace Activity.Grains.Stats;

/// <summary>One section's counts behind one face, so the section grain is the same for all four.</summary>
internal abstract class SectionCounts
{
    /// <summary>Whether the section adds up dashboards' reports (and so asks dashboards when it reads the log).</summary>
    public virtual bool TakesReports => false;

    public abstract void Apply(StatsBatch batch);

    public virtual void Report(DashboardReport report)
    {
    }

    public abstract void Save(StatsSectionState state);

    /// <summary>Forgets an erased person; <paramref name="erased"/> holds their events not taken out before, <paramref name="report"/> their dashboard's totals since.</summary>
    public abstract void Forget(string user, StatsBatch erased, DashboardReport report);

    public abstract StatsSectionRead Read(StatsPeriods periods);

    /// <summary>The section's counts as <paramref name="state"/> holds them (empty when it holds none).</summary>
    public static SectionCounts Restore(StatsSection section, StatsSectionState state) => section switch
    {
        StatsSection.Users => new Users(state.Users is { } u ? UserRegistry.Restore(u) : new()),
        StatsSection.Submissions => new Submissions(state.Submissions is { } s ? SubmissionCounts.Restore(s) : new()),
        StatsSection.Activity => new Activity(state.Activity is { } a ? EngagementTotals.Restore(a) : new()),
        _ => new Newsletter(state.Newsletter is { } n ? NewsletterCounts.Restore(n) : new()),
    };

    private sealed class Users(UserRegistry users) : SectionCounts
    {
        public override void Apply(StatsBatch batch) => users.Apply(batch);

        public override void Forget(string user, StatsBatch erased, DashboardReport report) => users.Forget(user, erased);

        public override void Save(StatsSectionState state) => state.Users = users.ToSnapshot();

        public override StatsSectionRead Read(StatsPeriods p) => new(Users: new UsersStats(
            users.Total, users.Registered, users.New(p.Today, p.Today), users.New(p.WeekStart, p.Today), users.New(p.MonthStart, p.Today)));
    }

    private sealed class Submissions(SubmissionCounts submissions) : SectionCounts
    {
        public override void Apply(StatsBatch batch) => submissions.Apply(batch);

        public override void Forget(string user, StatsBatch erased, DashboardReport report) => submissions.Forget(erased);

        public override void Save(StatsSectionState state) => state.Submissions = submissions.ToSnapshot();

        public override StatsSectionRead Read(StatsPeriods p) => new(Submissions: new SubmissionsStats(
            submissions.Total, submissions.Between(p.Today, p.Today), submissions.Between(p.WeekStart, p.Today), submissions.Between(p.MonthStart, p.Today)));
    }

    private sealed class Activity(EngagementTotals totals) : SectionCounts
    {
        public override bool TakesReports => true;

        public override void Apply(StatsBatch batch) => totals.Apply(batch);

        public override void Forget(string user, StatsBatch erased, DashboardReport report) =>
            totals.Forget(user, erased, report.Votes, report.Comments, report.Checkpoint);

        public override void Report(DashboardReport report) => totals.Report(report.UserId, report.Votes, report.Comments, report.Checkpoint);

        public override void Save(StatsSectionState state) => state.Activity = totals.ToSnapshot();

        public override StatsSectionRead Read(StatsPeriods p) => new(Activity: new ActivityStats(totals.Views, totals.Votes, totals.Comments));
    }

    private sealed class Newsletter(NewsletterCounts newsletter) : SectionCounts
    {
        public override void Apply(StatsBatch batch) => newsletter.Apply(batch);

        public override void Forget(string user, StatsBatch erased, DashboardReport report) => newsletter.Forget(user, erased);

        public override void Save(StatsSectionState state) => state.Newsletter = newsletter.ToSnapshot();

        public override StatsSectionRead Read(StatsPeriods p) => new(Newsletter: new NewsletterStats(
            newsletter.Subscribers, newsletter.Subscribed(p.WeekStart, p.Today), newsletter.Unsubscribed(p.WeekStart, p.Today)));
    }
}
