using System.Globalization;
using Activity.Abstractions.Feed;
using Activity.Domain.Feed;
using Activity.Silo.Auth;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>
/// <c>POST /api/activity/reactions</c> <c>{ "eventId", "userId", "reactionType" }</c>: hype, respect or
/// tribute. Idempotent; not on one's own activity (403); at most 10 per user per hour (429). A user
/// token reacts as its own user only.
/// </summary>
internal static class ReactionsApi
{
    public static RouteGroupBuilder MapReactionsApi(this RouteGroupBuilder feed)
    {
        feed.MapPost("/reactions", ReactAsync).TakesJson<ReactionRequest>();
        return feed;
    }

    private static async Task<IResult> ReactAsync(HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequest.ReadAsync<ReactionRequest>(request, 4 * 1024, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var (userId, refused) = request.HttpContext.User.ActingUser(body.UserId);
        if (userId is null)
        {
            return refused!;
        }

        var eventId = body.EventId!.Value;
        var outcome = await grains.GetGrain<IFeedGrain>(request.HttpContext.User.TenantId()).ReactAsync(eventId, userId, body.Reaction);
        switch (outcome.Status)
        {
            case ReactionStatus.Ok:
                return TypedResults.Ok(new ReactionResponse(true, outcome.EventId!.Value, outcome.Counts));
            case ReactionStatus.NotFound:
                return Problems.NotFound($"There is no event '{eventId}' in this feed.");
            case ReactionStatus.OwnActivity:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Own activity", detail: $"User '{userId}' is an actor of this event and cannot react to it.");
            default:
                var seconds = (int)Math.Ceiling(outcome.RetryAfter!.Value.TotalSeconds);
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many reactions", detail: $"User '{userId}' reached the hourly limit of reactions; the next one is possible in {seconds} s.");
        }
    }

    /// <summary>The answer to a reaction: the tile (the group, if the named tile merged into one) and its counts.</summary>
    internal sealed record ReactionResponse(bool Ok, Guid EventId, ReactionCounts Counts);
}
