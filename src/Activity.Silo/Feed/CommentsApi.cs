using Activity.Abstractions.Feed;
using Activity.Grains.Feed;
using Activity.Silo.Auth;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>
/// <c>GET /api/activity/comments?eventId=</c> (oldest first) and <c>POST /api/activity/comments</c>
/// <c>{ "eventId", "userId", "body" }</c> with a body of 1 to 500 characters. A user token comments as
/// its own user only.
/// </summary>
internal static class CommentsApi
{
    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder feed)
    {
        feed.MapGet("/comments", ListAsync);
        feed.MapPost("/comments", PostAsync).TakesJson<CommentRequest>();
        return feed;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IFeedStore store, string? eventId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(eventId, out var id))
        {
            return Problems.BadRequest("eventId is required: the id of a tile of this feed (a UUID).");
        }

        var tenantId = http.User.TenantId();
        var tile = await store.FindTileAsync(tenantId, id, cancellationToken);
        return tile is null
            ? Problems.NotFound($"There is no event '{id}' in this feed.")
            : TypedResults.Ok(await store.ListCommentsAsync(tenantId, tile.Id, cancellationToken));
    }

    private static async Task<IResult> PostAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequest.ReadAsync<CommentRequest>(request, 8 * 1024, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var (userId, refused) = request.HttpContext.User.ActingUser(body.UserId);
        if (userId is null)
        {
            return refused!;
        }

        var outcome = await grains.GetGrain<IFeedGrain>(request.HttpContext.User.TenantId()).CommentAsync(body.EventId!.Value, userId, body.Body!);
        return outcome.Comment is { } comment
            ? TypedResults.Created($"/api/activity/comments?eventId={comment.EventId}", comment)
            : Problems.NotFound($"There is no event '{body.EventId}' in this feed.");
    }
}
