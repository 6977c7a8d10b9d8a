using Activity.Abstractions.Feed;
using Activity.Grains.Ingest;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>The body of <c>POST /api/activity/comments</c>.</summary>
/// <param name="EventId">The tile commented on.</param>
/// <param name="UserId">Who comments: required with the tenant key; a user token's own user when left out.</param>
/// <param name="Body">The comment's text.</param>
internal sealed record CommentRequest(
    [property: RequiredField] Guid? EventId,
    [property: Text(EventRules.MaxIdLength)] string? UserId,
    [property: RequiredField, Text(Comment.MaxBodyLength)] string? Body);
