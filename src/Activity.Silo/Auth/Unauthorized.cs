using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Auth;

/// <summary>The 401 every key check answers: a Bearer challenge and a problem that says which key to send.</summary>
internal static class Unauthorized
{
    public static ProblemHttpResult Answer(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
    }
}
