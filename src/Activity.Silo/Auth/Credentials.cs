namespace Activity.Silo.Auth;

/// <summary>Where a request carries its credential.</summary>
internal static class Credentials
{
    /// <summary>The one route that also takes the credential from the query string (<c>?access_token=</c>).</summary>
    public const string StreamPath = "/api/activity/stream";

    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// <c>Authorization: Bearer &lt;credential&gt;</c>, or on the SSE stream <c>?access_token=</c>, since a
    /// browser's EventSource cannot send headers; null when there is neither.
    /// </summary>
    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && header.Length > BearerPrefix.Length)
        {
            return header[BearerPrefix.Length..].Trim();
        }

        return request.Path.Equals(StreamPath, StringComparison.OrdinalIgnoreCase) && request.Query["access_token"].ToString() is { Length: > 0 } token
            ? token
            : null;
    }
}
