using Activity.Abstractions.Feed;
using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>
/// <c>POST /api/activity/drain?tenantId=</c> with header <c>x-drain-secret</c>: applies every event
/// acknowledged so far to the feed (one tenant's, or every tenant's), and answers when done.
/// </summary>
internal static class DrainApi
{
    public static IEndpointRouteBuilder MapDrainApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/activity/drain", DrainAsync).WithTags("Feed");
        return endpoints;
    }

    private static async Task<IResult> DrainAsync(HttpContext http, string? tenantId, SiloKeys keys, ITenantStore tenants, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!keys.Drain.Matches(http.Request.Headers["x-drain-secret"].ToString() is { Length: > 0 } secret ? secret : null))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Send the drain secret (Activity:DrainSecret, else MC_API_SECRET, else DEPLOY_WEBHOOK_SECRET) in the x-drain-secret header.");
        }

        IReadOnlyList<string> ids;
        if (tenantId is not null)
        {
            if (!TenantKeys.IsTenantId(tenantId) || await tenants.GetAsync(tenantId, cancellationToken) is null)
            {
                return Problems.NotFound($"There is no tenant '{tenantId}'.");
            }

            ids = [tenantId];
        }
        else
        {
            ids = [.. (await tenants.ListAsync(cancellationToken)).Select(t => t.Id)];
        }

        var drained = await Task.WhenAll(ids.Select(async id => new Drained(id, await grains.GetGrain<IFeedGrain>(id).DrainAsync())));
        return TypedResults.Ok(new DrainResponse(drained, drained.Sum(d => d.Applied)));
    }

    /// <summary>What one tenant's drain applied.</summary>
    internal sealed record Drained(string TenantId, int Applied);

    /// <summary>The answer to a drain.</summary>
    internal sealed record DrainResponse(IReadOnlyList<Drained> Drained, int Applied);
}
