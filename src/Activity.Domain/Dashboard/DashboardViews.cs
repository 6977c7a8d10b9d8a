using Orleans;

namespace Activity.Domain.Dashboard;

/// <summary>A user's totals.</summary>
/// <param name="TotalActivity">Votes plus comments the user made, net of removals.</param>
/// <param name="UniqueItemsInteracted">Distinct items the user has a counted vote or comment on, each once.</param>
/// <param name="VotesReceived">Counted votes on the user's items.</param>
/// <param name="CommentsReceived">Counted comments on the user's items.</param>
/// <param name="Submissions">Items the user submitted.</param>
/// <param name="ViewsReceived">Views of the user's items.</param>
public sealed record DashboardTotals(int TotalActivity, int UniqueItemsInteracted, int VotesReceived, int CommentsReceived, int Submissions, int ViewsReceived);

/// <summary>Votes and comments the user received in one ISO week.</summary>
/// <param name="Week">The week as <c>IYYY-IW</c>.</param>
/// <param name="Label">Its place in the range asked for: W1 is the oldest, WN the current week.</param>
/// <param name="Votes">Counted votes on the user's items that week.</param>
/// <param name="Comments">Counted comments on the user's items that week.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.WeekEngagement")]
public sealed record WeekEngagement([property: Id(0)] string Week, [property: Id(1)] string Label, [property: Id(2)] int Votes, [property: Id(3)] int Comments);

/// <summary>One UTC day of a user's dashboard.</summary>
/// <param name="Date">The UTC date.</param>
/// <param name="Day">Its weekday, "Mon" to "Sun".</param>
/// <param name="Submissions">Items the user submitted that day.</param>
/// <param name="Views">Views the user's items received.</param>
/// <param name="Engagement">Votes plus comments the user's items received.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.DayEngagement")]
public sealed record DayEngagement([property: Id(0)] DateOnly Date, [property: Id(1)] string Day, [property: Id(2)] int Submissions, [property: Id(3)] int Views, [property: Id(4)] int Engagement);

/// <summary>Votes and comments one of the user's items received.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.ItemEngagement")]
public sealed record ItemEngagement([property: Id(0)] string ItemId, [property: Id(1)] int Votes, [property: Id(2)] int Comments);
