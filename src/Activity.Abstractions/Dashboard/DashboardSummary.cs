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
