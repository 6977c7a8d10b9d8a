using Activity.Abstractions.Feed;
using Activity.Grains.Ingest;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>The body of <c>POST /api/activity/comments</c>.</summary>
/// <param name="EventId">The tile commented on.</param>
/// <param name="UserId">Who comments.</param>
/// <param name="Body">The comment's text.</param>
internal sealed record CommentRequest(
    [property: RequiredField] Guid? EventId,
    [property: RequiredField, Text(EventRules.MaxIdLength)] string? UserId,
    [property: RequiredField, Text(Comment.MaxBodyLength)] string? Body);
