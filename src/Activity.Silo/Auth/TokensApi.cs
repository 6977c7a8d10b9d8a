using Activity.Silo.Http;

namespace Activity.Silo.Auth;

/// <summary>
/// <c>POST /api/activity/tokens</c> <c>{ "userId", "ttlSeconds"? }</c> with the tenant key: a user token
/// for a browser (<see cref="UserTokens"/>). The tenant's server calls this and hands the token to its
/// page; the page never sees the tenant key. <c>/api/admin/activity/tokens?tenantId=</c> does the same with
/// the admin key, so an operator's console can watch a tenant's feed without holding the tenant's key.
/// </summary>
internal static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder tenant)
    {
        tenant.MapPost("/tokens", IssueAsync).RequireRateLimiting(Limits.RateLimits.Reads).TakesJson<TokenRequest>();
        return tenant;
    }

    private static async Task<IResult> IssueAsync(HttpRequest request, UserTokens tokens, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequest.ReadAsync<TokenRequest>(request, 4 * 1024, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var lifetime = body.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : UserTokens.DefaultLifetime;
        var issued = await tokens.IssueAsync(request.HttpContext.User.TenantId(), body.UserId!, lifetime, cancellationToken);
        return issued is null
            ? Problems.NotFound("The tenant no longer exists.")
            : TypedResults.Ok(issued);
    }
}
