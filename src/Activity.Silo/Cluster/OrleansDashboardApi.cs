using Activity.Silo.Auth;
using Orleans.Dashboard;

namespace Activity.Silo.Cluster;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>, behind the admin key (<see cref="AccessPolicies.AdminKey"/>;
/// the dashboard has no auth of its own). A browser cannot add a bearer header to a page it navigates
/// to, so there the key is also taken as the password of HTTP Basic auth (any user name).
/// </summary>
internal static class OrleansDashboardApi
{
    public const string Path = "/dashboard";

    public static IEndpointRouteBuilder MapOrleansDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(AccessPolicies.AdminKey);
        return endpoints;
    }
}
