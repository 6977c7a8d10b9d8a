namespace Activity.Domain.Dashboard;

/// <summary>
/// Everything a <see cref="UserDashboard"/> holds, as plain data for storage. Week buckets and daily
/// engagement are not stored: they are rebuilt from the received marks. Ids the dashboard only
/// compares are stored as the <see cref="IdHash"/> it keeps; snapshots written before that (with the
/// ids themselves) still restore.
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

/// <summary>The user's own counted votes and comments on one item (hash 0 for none).</summary>
/// <param name="ItemHash">The item's id hash.</param>
/// <param name="Votes">Counted votes.</param>
/// <param name="CommentHashes">Counted comments' id hashes in order (0 for one that named none).</param>
/// <param name="ItemId">Older snapshots: the item itself ("" for none), instead of its hash.</param>
/// <param name="Comments">Older snapshots: the comments' ids (null for none), instead of their hashes.</param>
public sealed record ItemMadeSnapshot(long ItemHash, int Votes, IReadOnlyList<long>? CommentHashes, string? ItemId = null, IReadOnlyList<string?>? Comments = null);

/// <summary>What one of the user's items received.</summary>
/// <param name="ItemId">The item ("" for events that named none).</param>
/// <param name="Submitted">Whether the user submitted it.</param>
/// <param name="Marks">Counted votes and comments, in the order counted.</param>
public sealed record ItemReceivedSnapshot(string ItemId, bool Submitted, IReadOnlyList<MarkSnapshot> Marks);

/// <summary>One counted vote or comment received.</summary>
/// <param name="Comment">True for a comment, false for a vote.</param>
/// <param name="Date">The UTC day it counts in.</param>
/// <param name="ActorHash">Who gave it, as an id hash.</param>
/// <param name="CommentHash">The comment's id hash (0 when it named none).</param>
/// <param name="Actor">Older snapshots: who gave it, instead of the hash.</param>
/// <param name="CommentId">Older snapshots: the comment's id, instead of the hash.</param>
public sealed record MarkSnapshot(bool Comment, DateOnly Date, long ActorHash = 0, long CommentHash = 0, string? Actor = null, string? CommentId = null);

/// <summary>Submissions made and views received on one UTC day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Submissions">Submissions made.</param>
/// <param name="Views">Views received.</param>
public sealed record DaySnapshot(DateOnly Date, int Submissions, int Views);
