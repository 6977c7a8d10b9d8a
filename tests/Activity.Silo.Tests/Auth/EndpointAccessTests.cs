using System.Net;
using System.Security.Claims;
using Activity.Silo.Auth;
using Activity.Silo.Tests.Feed;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Silo.Tests.Auth;

/// <summary>Every route needs what the README's "Who may call what" table says, and a route that says nothing is closed.</summary>
public sealed class EndpointAccessTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    // The README's table, route by route (every Orleans Dashboard route is one line there).
    private static readonly SortedDictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["* /health/live"] = "anonymous",
        ["* /health/ready"] = "anonymous",
        ["GET /openapi/{documentName}.json"] = "anonymous",
        ["GET /"] = "anonymous",
        ["GET /console"] = "anonymous",
        ["GET,HEAD /console/**"] = "anonymous",
        ["GET /dashboard/**"] = "admin-key",
        ["GET /metrics"] = "admin-key",
        ["POST /api/activity/drain"] = "drain-secret",
        ["POST /api/activity/emit"] = "tenant-key",
        ["POST /api/activity/events:emit"] = "tenant-key",
        ["POST /api/activity/tokens"] = "tenant-key",
        ["POST /api/admin/activity/tokens"] = "admin-for-tenant",
        ["GET /api/admin/activity/log/"] = "admin-for-tenant",
        ["GET /api/admin/activity/log/summary"] = "admin-for-tenant",
        ["GET /api/admin/dashboard/users/{userId}/"] = "admin-for-tenant",
        ["GET /api/admin/dashboard/users/{userId}/weekly"] = "admin-for-tenant",
        ["GET /api/admin/dashboard/users/{userId}/daily"] = "admin-for-tenant",
        ["GET /api/admin/dashboard/users/{userId}/top-items"] = "admin-for-tenant",
        ["GET /api/activity/log/"] = "tenant-key",
        ["GET /api/activity/log/summary"] = "tenant-key",
        ["GET /api/stats/"] = "tenant-key",
        ["GET /api/activity/events"] = "feed-user",
        ["GET /api/activity/stream"] = "feed-user",
        ["POST /api/activity/reactions"] = "feed-user",
        ["GET /api/activity/comments"] = "feed-user",
        ["POST /api/activity/comments"] = "feed-user",
        ["GET /api/dashboard/users/{userId}/"] = "own-dashboard",
        ["GET /api/dashboard/users/{userId}/weekly"] = "own-dashboard",
        ["GET /api/dashboard/users/{userId}/daily"] = "own-dashboard",
        ["GET /api/dashboard/users/{userId}/top-items"] = "own-dashboard",
        ["GET /api/analytics/{metric}"] = "tenant-key",
        ["GET /api/analytics/jobs"] = "tenant-key",
        ["GET /api/analytics/jobs/metrics"] = "tenant-key",
        ["POST /api/analytics/jobs/{id}/trigger"] = "tenant-key",
        ["POST /api/analytics/jobs/stop"] = "tenant-key",
        ["POST /api/analytics/jobs/restart"] = "tenant-key",
        ["DELETE /api/analytics/cache"] = "tenant-key",
        ["GET /api/analytics/export"] = "tenant-key",
        ["GET /api/reports/templates"] = "tenant-key",
        ["GET /api/reports/templates/{id}"] = "tenant-key",
        ["POST /api/reports/templates"] = "tenant-key",
        ["PUT /api/reports/templates/{id}"] = "tenant-key",
        ["DELETE /api/reports/templates/{id}"] = "tenant-key",
        ["POST /api/reports/generate"] = "tenant-key",
        ["GET /api/reports/runs"] = "tenant-key",
        ["GET /api/reports/runs/{id}"] = "tenant-key",
        ["GET /api/reports/runs/{id}/download"] = "tenant-key",
        ["GET /api/reports/statistics"] = "tenant-key",
        ["GET /api/reports/webhook-secret"] = "tenant-key",
        ["GET /api/admin/analytics/{metric}"] = "admin-for-tenant",
        ["GET /api/admin/analytics/jobs"] = "admin-for-tenant",
        ["GET /api/admin/analytics/jobs/metrics"] = "admin-for-tenant",
        ["POST /api/admin/analytics/jobs/{id}/trigger"] = "admin-for-tenant",
        ["POST /api/admin/analytics/jobs/stop"] = "admin-for-tenant",
        ["POST /api/admin/analytics/jobs/restart"] = "admin-for-tenant",
        ["DELETE /api/admin/analytics/cache"] = "admin-for-tenant",
        ["GET /api/admin/analytics/export"] = "admin-for-tenant",
        ["GET /api/admin/reports/templates"] = "admin-for-tenant",
        ["GET /api/admin/reports/templates/{id}"] = "admin-for-tenant",
        ["POST /api/admin/reports/templates"] = "admin-for-tenant",
        ["PUT /api/admin/reports/templates/{id}"] = "admin-for-tenant",
        ["DELETE /api/admin/reports/templates/{id}"] = "admin-for-tenant",
        ["POST /api/admin/reports/generate"] = "admin-for-tenant",
        ["GET /api/admin/reports/runs"] = "admin-for-tenant",
        ["GET /api/admin/reports/runs/{id}"] = "admin-for-tenant",
        ["GET /api/admin/reports/runs/{id}/download"] = "admin-for-tenant",
        ["GET /api/admin/reports/statistics"] = "admin-for-tenant",
        ["GET /api/admin/reports/webhook-secret"] = "admin-for-tenant",
        ["POST /api/admin/tenants/"] = "admin-key",
        ["GET /api/admin/tenants/"] = "admin-key",
        ["PUT /api/admin/tenants/{tenantId}"] = "admin-key",
        ["POST /api/admin/tenants/{tenantId}/rotate-key"] = "admin-key",
        ["GET /api/admin/tenants/{tenantId}/milestones/"] = "admin-key",
        ["PUT /api/admin/tenants/{tenantId}/milestones/"] = "admin-key",
        ["DELETE /api/admin/tenants/{tenantId}/users/{userId}"] = "admin-key",
        ["GET /api/admin/cluster/"] = "admin-key",
        ["GET /api/admin/cluster/feeds/{tenantId}"] = "admin-key",
        ["GET /api/admin/stats/"] = "admin-key",
        ["POST /api/admin/retention/run"] = "admin-key",
        ["GET /api/admin/retention/"] = "admin-key",
    };

    [Fact]
    public void Every_route_needs_what_the_README_says()
    {
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in Endpoints())
        {
            actual[Name(endpoint)] = Access(endpoint);
        }

        Assert.Equal(Expected, actual);
    }

    [Fact]
    public async Task Without_a_credential_every_route_but_the_public_ones_answers_401_problem_json()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        using var anonymous = fixture.Silo.CreateClient();
        var refusedOrNot = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => Access(e) != "anonymous"))
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), Path(endpoint.RoutePattern, tenant.TenantId)));
            if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                refusedOrNot.Add($"{method} {endpoint.RoutePattern.RawText}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(refusedOrNot);
    }

    [Fact]
    public async Task A_route_that_names_no_policy_is_closed_even_to_the_admin()
    {
        var services = fixture.Silo.Services;
        var fallback = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AccessSchemes.TenantClaim, "ten_0000000000000000")], AccessSchemes.AdminKey));

        var result = await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(admin, resource: null, fallback!);

        Assert.False(result.Succeeded);
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        fixture.Silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static string Name(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
        var route = endpoint.RoutePattern.RawText!;
        return $"{string.Join(",", methods)} {route switch
        {
            _ when route.StartsWith("/dashboard/", StringComparison.Ordinal) => "/dashboard/**",
            _ when route.StartsWith("console/", StringComparison.Ordinal) => "/console/**", // the console's files
            _ => route,
        }}";
    }

    private static string Access(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            ? "anonymous"
            : string.Join("+", endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)").DefaultIfEmpty("(none)"));

    // The route with a plausible value in each parameter, so the request reaches its route's policy.
    private static string Path(RoutePattern pattern, string tenantId) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { Name: "tenantId" } => tenantId,
            RoutePatternParameterPart { Name: "page" } => "1",
            RoutePatternParameterPart { Name: "id" } => Guid.NewGuid().ToString(),
            RoutePatternParameterPart { Name: "metric" } => "top-items",
            _ => "x",
        }))));
}
