namespace Activity.Abstractions.Dashboard;

/// <summary>A user's totals (<c>GET /api/dashboard/users/{userId}</c>).</summary>
/// <param name="UserId">Whose dashboard it is.</param>
/// <param name="TotalActivity">Votes plus comments the user made, net of removals.</param>
/// <param name="UniqueItemsInteracted">Distinct items the user has a counted vote or comment on, each once.</param>
/// <param name="VotesReceived">Counted votes on the user's items.</param>
/// <param name="CommentsReceived">Counted comments on the user's items.</param>
/// <param name="Submissions">Items the user submitted.</param>
/// <param name="ViewsReceived">Views of the user's items.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.DashboardSummary")]
public sealed record DashboardSummary(
    [property: Id(0)] string UserId,
    [property: Id(1)] int TotalActivity,
    [property: Id(2)] int UniqueItemsInteracted,
    [property: Id(3)] int VotesReceived,
    [property: Id(4)] int CommentsReceived,
    [property: Id(5)] int Submissions,
    [property: Id(6)] int ViewsReceived);

/// <summary>One ISO week of votes and comments received.</summary>
/// <param name="Week"><c>IYYY-IW</c>, as PostgreSQL's <c>to_char(t, 'IYYY-IW')</c> writes it.</param>
/// <param name="Label">W1 for the oldest week asked for, up to WN for the current one.</param>
/// <param name="Votes">Counted votes received that week.</param>
/// <param name="Comments">Counted comments received that week.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.DashboardWeek")]
public sealed record DashboardWeek([property: Id(0)] string Week, [property: Id(1)] string Label, [property: Id(2)] int Votes, [property: Id(3)] int Comments);

/// <summary>One UTC day.</summary>
/// <param name="Date">The date.</param>
/// <param name="Day">"Mon" to "Sun".</param>
/// <param name="Submissions">Items the user submitted.</param>
/// <param name="Views">Views the user's items received.</param>
/// <param name="Engagement">Votes plus comments the user's items received.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.DashboardDay")]
public sealed record DashboardDay([property: Id(0)] DateOnly Date, [property: Id(1)] string Day, [property: Id(2)] int Submissions, [property: Id(3)] int Views, [property: Id(4)] int Engagement);

/// <summary>What one of the user's items received.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.DashboardItem")]
public sealed record DashboardItem([property: Id(0)] string ItemId, [property: Id(1)] int Votes, [property: Id(2)] int Comments);
