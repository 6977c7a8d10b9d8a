using System.Globalization;
using Activity.Abstractions.Ingest;
using Activity.Grains.Feed;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Activity.Silo.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Feed;

/// <summary>
/// The tenant's feed (<c>/api/activity</c>): emit events (<see cref="EmitEndpoint"/>) with the tenant key;
/// page through tiles and watch the live stream with it or a user token; reactions, comments, user
/// tokens and drain are mapped beside them.
/// </summary>
internal static class FeedApi
{
    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 50;

    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder endpoints)
    {
        // The tenant's servers: emit, and mint the user tokens its pages use.
        var tenant = endpoints.MapGroup("/api/activity").RequireAuthorization(AccessPolicies.TenantKey).WithTags("Feed");
        var emit = ActivatorUtilities.CreateInstance<EmitEndpoint>(endpoints.ServiceProvider);
        foreach (var route in (string[])["/emit", "/events:emit"])
        {
            // One event, or an array of up to 1,000 of them: the document can name one shape, the event.
            tenant.MapPost(route, emit.HandleAsync).RequireRateLimiting(RateLimits.Emits).TakesJson<EventInput>().Produces<EmitAccepted.Body>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest);
        }

        tenant.MapTokensApi();
        endpoints.MapGroup("/api/admin/activity").RequireAuthorization(AccessPolicies.AdminForTenant).WithTags("Admin").MapTokensApi();

        // What a browser with a user token may read and do, as well as the tenant key.
        var feed = endpoints.MapGroup("/api/activity").RequireAuthorization(AccessPolicies.FeedUser).RequireCors(BrowserCorsPolicyProvider.Policy).RequireRateLimiting(RateLimits.Reads).WithTags("Feed");
        feed.MapGet("/events", ListAsync);
        feed.MapGet("/stream", StreamApi.StreamAsync).RequireRateLimiting(RateLimits.Streams).ExcludeFromDescription();
        feed.MapReactionsApi();
        feed.MapCommentsApi();
        endpoints.MapDrainApi();
        return endpoints;
    }

    private static async Task<Results<Ok<FeedPage>, ProblemHttpResult>> ListAsync(HttpContext http, IFeedStore store, string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return Problems.BadRequest($"limit must be a whole number from 1 to {MaxLimit} (got '{limit}').");
        }

        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!PageCursor.TryDecode(cursor, out var position))
            {
                return Problems.BadRequest("cursor is not one this API gave out; pass the nextCursor of the previous page, or leave it out for the first page.");
            }

            before = position;
        }

        var tenantId = http.User.TenantId();

        // Read before the tiles: a client that opens the stream with this id misses no change.
        long? lastEventId = before is null ? await store.LastChangeAsync(tenantId, cancellationToken) : null;
        var tiles = await store.ListTilesAsync(tenantId, before, size + 1, cancellationToken);
        var page = tiles.Take(size).Select(TileView.Of).ToList();
        var next = tiles.Count > size ? PageCursor.Encode(tiles[size - 1].Position) : null;
        return TypedResults.Ok(new FeedPage(page, next, lastEventId));
    }

    /// <summary>One page of the feed, newest first; the list is named <c>events</c>, as the product's feed reference names it.</summary>
    /// <param name="Events">The tiles.</param>
    /// <param name="NextCursor">The cursor of the next (older) page, or null at the end.</param>
    /// <param name="LastEventId">On the first page: the stream id to resume from to miss nothing after this read.</param>
    internal sealed record FeedPage(IReadOnlyList<TileView> Events, string? NextCursor, long? LastEventId);
}
