using System.Security.Claims;
using Activity.Silo.Auth;

namespace Activity.Silo.Telemetry;

/// <summary>
/// Puts the caller's tenant in the logging scope of the rest of the request, beside the trace and span
/// ids ASP.NET Core puts there, so every line a request logs says whose it was (with
/// <c>Logging:Console:FormatterOptions:IncludeScopes</c>, as the JSON console logs in compose).
/// </summary>
internal sealed class TenantLogScope(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Activity.Requests");

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.User.FindFirstValue(AccessSchemes.TenantClaim) is not { } tenantId)
        {
            await next(http);
            return;
        }

        using (_logger.BeginScope(new KeyValuePair<string, object>[] { new("TenantId", tenantId) }))
        {
            await next(http);
        }
    }
}
