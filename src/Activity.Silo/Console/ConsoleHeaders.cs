namespace Activity.Silo.Console;

/// <summary>
/// The console's security headers, put on its files' endpoints only (no check on any other request). The
/// Content-Security-Policy allows scripts, styles and calls from this origin only and no inline script or
/// style element, so text a tenant's users sent (tile payloads, comments) cannot run even if a page wrote
/// it as markup by mistake; the page itself only ever sets text. No referrer leaves the page: the SSE URL
/// carries a user token in its query.
/// </summary>
internal static class ConsoleHeaders
{
    /// <summary>The policy every console response carries.</summary>
    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Wraps an endpoint so that its responses carry the headers.</summary>
    public static void Add(EndpointBuilder endpoint)
    {
        var next = endpoint.RequestDelegate!;
        endpoint.RequestDelegate = http =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(http);
        };
    }
}
