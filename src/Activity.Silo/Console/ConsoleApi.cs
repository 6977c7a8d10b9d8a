namespace Activity.Silo.Console;

/// <summary>
/// The web console (<c>/console</c>): static ES modules from <c>wwwroot/console</c>, served by
/// <c>MapStaticAssets</c> (fingerprinted names cached for a year, the others revalidated by ETag,
/// compressed at build). The pages carry no credential of their own: everything they show comes from
/// the public API with the key the person signs in with, so the files themselves are public.
/// </summary>
internal static class ConsoleApi
{
    /// <summary>The folder of the console's files.</summary>
    public const string Root = "/console";

    /// <summary>The console's page; it names its assets from the site's root (<c>&lt;base href="/"&gt;</c>), as the build's fingerprinting needs.</summary>
    public const string Page = "/console/index.html";

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        var files = endpoints.MapStaticAssets().AllowAnonymous().ExcludeFromDescription();
        files.Add(ConsoleHeaders.Add);

        // People who open the silo's address, or the console without its page name, land on the console.
        // "/console" also matches "/console/": routing ignores a trailing slash.
        foreach (var path in (string[])["/", Root])
        {
            endpoints.MapGet(path, () => TypedResults.Redirect(Page)).AllowAnonymous().ExcludeFromDescription();
        }

        return endpoints;
    }
}
