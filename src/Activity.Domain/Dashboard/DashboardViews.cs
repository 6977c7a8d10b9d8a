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
public sealed record WeekEngagement(string Week, string Label, int Votes, int Comments);

/// <summary>One UTC day of a user's dashboard.</summary>
/// <param name="Date">The UTC date.</param>
/// <param name="Day">Its weekday, "Mon" to "Sun".</param>
/// <param name="Submissions">Items the user submitted that day.</param>
/// <param name="Views">Views the user's items received.</param>
/// <param name="Engagement">Votes plus comments the user's items received.</param>
public sealed record DayEngagement(DateOnly Date, string Day, int Submissions, int Views, int Engagement);

/// <summary>Votes and comments one of the user's items received.</summary>
public sealed record ItemEngagement(string ItemId, int Votes, int Comments);
