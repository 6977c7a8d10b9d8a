using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Activity.Silo.Http;

/// <summary>
/// Failures that pass on their own answer 503 with <c>Retry-After</c>, not 500: a grain whose silo just
/// died (until the cluster agrees it is dead and the grain starts on a survivor, a few seconds), a grain
/// call that timed out, and a database that cannot be reached. Nothing was changed by such a request
/// that a retry would repeat wrongly: writes are guarded, and emits answer 503 before anything is stored.
/// </summary>
internal sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var detail = exception switch
        {
            SiloUnavailableException or OrleansMessageRejectionException => "A silo of the cluster stopped answering; its work is moving to the others. Retry in a moment.",
            TimeoutException => "The cluster did not answer in time. Retry in a moment.",
            DbException => "The database cannot be reached right now. Retry in a moment.",
            _ => null,
        };
        if (detail is null)
        {
            return false;
        }

        LogUnavailable(logger, exception, http.Request.Method, http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable", Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the cluster or the database was unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
