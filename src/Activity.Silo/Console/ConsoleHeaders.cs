namespace Activity.Silo.Console;

/// <summary>
/// The console's security headers. The Content-Security-Policy allows scripts, styles and calls from this
/// origin only and no inline script or style element, so text a tenant's users sent (tile payloads,
/// comments) cannot run even if a page wrote it as markup by mistake; the page itself only ever sets text.
/// No referrer leaves the page: the SSE URL carries a user token in its query.
/// </summary>
internal sealed class ConsoleHeaders(RequestDelegate next)
{
    /// <summary>The policy every console response carries.</summary>
    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments(ConsoleApi.Root, StringComparison.OrdinalIgnoreCase))
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
        }

        return next(http);
    }
}
