namespace Activity.Domain.Dashboard;

/// <summary>
/// Everything a <see cref="UserDashboard"/> holds, as plain data for storage. Week buckets and daily
/// engagement are not stored: they are rebuilt from the received marks.
/// </summary>
/// <param name="UserId">Whose dashboard it is.</param>
/// <param name="Checkpoint">The log sequence of the last event applied.</param>
/// <param name="Submissions">Items the user submitted.</param>
/// <param name="Views">Views the user's items received.</param>
/// <param name="Made">Per item: the user's own counted votes and comments.</param>
/// <param name="Received">Per item of the user's: the counted votes and comments it received.</param>
/// <param name="Days">Submissions and views per UTC day, for the days still kept.</param>
public sealed record DashboardSnapshot(
    string UserId,
    long Checkpoint,
    int Submissions,
    int Views,
    IReadOnlyList<ItemMadeSnapshot> Made,
    IReadOnlyList<ItemReceivedSnapshot> Received,
    IReadOnlyList<DaySnapshot> Days);

/// <summary>The user's own counted votes and comments on one item ("" for none).</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Votes">Counted votes.</param>
/// <param name="Comments">Counted comments' ids in order (null for one that named none).</param>
public sealed record ItemMadeSnapshot(string ItemId, int Votes, IReadOnlyList<string?> Comments);

/// <summary>What one of the user's items received.</summary>
/// <param name="ItemId">The item ("" for events that named none).</param>
/// <param name="Submitted">Whether the user submitted it.</param>
/// <param name="Marks">Counted votes and comments, in the order counted.</param>
public sealed record ItemReceivedSnapshot(string ItemId, bool Submitted, IReadOnlyList<MarkSnapshot> Marks);

/// <summary>One counted vote or comment received.</summary>
/// <param name="Comment">True for a comment, false for a vote.</param>
/// <param name="Actor">Who gave it.</param>
/// <param name="CommentId">The comment's id, if it named one.</param>
/// <param name="Date">The UTC day it counts in.</param>
public sealed record MarkSnapshot(bool Comment, string Actor, string? CommentId, DateOnly Date);

/// <summary>Submissions made and views received on one UTC day.</summary>
public sealed record DaySnapshot(DateOnly Date, int Submissions, int Views);
