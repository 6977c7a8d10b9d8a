namespace Activity.Abstractions.Stats;

/// <summary>
/// A tenant's platform statistics (key: tenant id). Each section is kept and read on its own: a section
/// that cannot be read is zeros, named in <see cref="TenantStats.Errors"/>, and the rest still answer.
/// </summary>
[Alias("activity.ITenantStatsGrain")]
public interface ITenantStatsGrain : IGrainWithStringKey
{
    /// <summary>Every section as it stands; "today", "this week" (ISO) and "this month" are UTC.</summary>
    [Alias("Get")]
    Task<TenantStats> GetAsync();
}

/// <summary>A tenant's statistics (<c>GET /api/stats</c>).</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.TenantStats")]
public sealed record TenantStats(
    [property: Id(0)] UsersStats Users,
    [property: Id(1)] SubmissionsStats Submissions,
    [property: Id(2)] ActivityStats Activity,
    [property: Id(3)] NewsletterStats Newsletter,
    [property: Id(4)] IReadOnlyList<StatsError> Errors);

/// <summary>Users: distinct actors seen; registered are those with a <c>SIGN_UP</c>; new ones by their first sign-up.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.UsersStats")]
public sealed record UsersStats(
    [property: Id(0)] int TotalUsers,
    [property: Id(1)] int RegisteredUsers,
    [property: Id(2)] int NewUsersToday,
    [property: Id(3)] int NewUsersThisWeek,
    [property: Id(4)] int NewUsersThisMonth);

/// <summary>Submissions, by when they occurred.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.SubmissionsStats")]
public sealed record SubmissionsStats(
    [property: Id(0)] int TotalSubmissions,
    [property: Id(1)] int SubmissionsToday,
    [property: Id(2)] int SubmissionsThisWeek,
    [property: Id(3)] int SubmissionsThisMonth);

/// <summary>Views, and votes and comments net of removals.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.ActivityStats")]
public sealed record ActivityStats([property: Id(0)] long TotalViews, [property: Id(1)] long TotalVotes, [property: Id(2)] long TotalComments);

/// <summary>Users subscribed now, and subscribe and unsubscribe events this ISO week.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.NewsletterStats")]
public sealed record NewsletterStats([property: Id(0)] int Subscribers, [property: Id(1)] int SubscribedThisWeek, [property: Id(2)] int UnsubscribedThisWeek);

/// <summary>A section that could not be read, and why.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.StatsError")]
public sealed record StatsError([property: Id(0)] string Section, [property: Id(1)] string Message);
