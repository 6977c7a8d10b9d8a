using System.Text;
using Orleans.Dashboard;

namespace Activity.Silo.Cluster;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>, behind the admin key. The dashboard has no auth of its
/// own and a browser cannot add a bearer header to a page it navigates to, so the key is also taken as
/// the password of HTTP Basic auth (any user name): the browser asks for it once.
/// </summary>
internal static class OrleansDashboardApi
{
    public const string Path = "/dashboard";

    public static WebApplication MapOrleansDashboardApi(this WebApplication app)
    {
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (http, next) =>
            {
                var keys = http.RequestServices.GetRequiredService<Auth.SiloKeys>();
                if (keys.Admin.Matches(Auth.BearerToken.Read(http.Request) ?? BasicPassword(http.Request)))
                {
                    await next(http);
                    return;
                }

                http.Response.Headers.WWWAuthenticate = "Basic realm=\"Activity dashboard\", charset=\"UTF-8\"";
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Unauthorized",
                    detail: "The Orleans Dashboard takes the admin key (Activity:AdminKey): as 'Authorization: Bearer <key>', or as the password when the browser asks.").ExecuteAsync(http);
            }));
        app.MapOrleansDashboard(routePrefix: Path);
        return app;
    }

    private static string? BasicPassword(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[512];
        if (!Convert.TryFromBase64String(header["Basic ".Length..].Trim(), decoded, out var length))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(decoded[..length]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}
