namespace Activity.Abstractions.Feed;

/// <summary>A comment on a tile.</summary>
/// <param name="Id">Assigned when posted (UUIDv7).</param>
/// <param name="EventId">The tile commented on.</param>
/// <param name="UserId">Who wrote it.</param>
/// <param name="Body">1 to 500 characters.</param>
/// <param name="CreatedAt">When it was posted.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.Comment")]
public sealed record Comment(Guid Id, Guid EventId, string UserId, string Body, DateTimeOffset CreatedAt)
{
    /// <summary>The longest comment, in characters.</summary>
    public const int MaxBodyLength = 500;
}

/// <summary>The outcome of a comment: the stored comment, or null when the tenant has no such tile.</summary>
/// <param name="Comment">The comment, or null for an unknown tile.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.CommentOutcome")]
public sealed record CommentOutcome(Comment? Comment);
