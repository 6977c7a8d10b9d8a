using Activity.Abstractions.Stats;
using Activity.Domain.Stats;
using Activity.Grains.Dashboard;

namespace Activity.Grains.Stats;

/// <summary>
/// One section of a tenant's statistics (key: <see cref="StatsSections.Key"/>): a snapshot with a
/// checkpoint over the tenant's log, fed range by range by the tenant's dashboard router.
/// </summary>
[Alias("activity.IStatsSectionGrain")]
public interface IStatsSectionGrain : IGrainWithStringKey
{
    /// <summary>
    /// The next range of the log, gathered, and the dashboards' latest reports of their users' own
    /// totals. A range that does not continue from the checkpoint makes the section read the log instead.
    /// </summary>
    [Alias("Appended")]
    Task AppendedAsync([Immutable] StatsBatch batch, [Immutable] IReadOnlyList<DashboardReport> reports);

    /// <summary>The dashboards' latest reports of their users' own totals, between ranges (the activity section adds them up).</summary>
    [Alias("Report")]
    Task ReportAsync([Immutable] IReadOnlyList<DashboardReport> reports);

    /// <summary>
    /// Forgets an erased person: the section counts the log up to <paramref name="through"/>, takes their
    /// events up to there back out (each once, however often this is called), and is saved before this returns.
    /// </summary>
    [Alias("Forget")]
    Task ForgetAsync(string userId, long through);

    /// <summary>The section as it stands.</summary>
    [Alias("Read")]
    Task<StatsSectionRead> ReadAsync();
}

/// <summary>What one section grain answers: its own part set, the others null.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.StatsSectionRead")]
public sealed record StatsSectionRead(
    [property: Id(0)] UsersStats? Users = null,
    [property: Id(1)] SubmissionsStats? Submissions = null,
    [property: Id(2)] ActivityStats? Activity = null,
    [property: Id(3)] NewsletterStats? Newsletter = null);
