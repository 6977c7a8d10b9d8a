using Activity.Grains.Analytics.Jobs;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Activity.Silo.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Analytics;

/// <summary>
/// The tenant's analytics jobs: <c>GET jobs</c>, <c>GET jobs/metrics</c>, <c>POST jobs/{id}/trigger</c>,
/// <c>POST jobs/stop</c>, <c>POST jobs/restart</c>, and <c>DELETE cache[?pattern=glob]</c> for its warm values.
/// </summary>
internal static class AnalyticsJobsApi
{
    private const int LongestPattern = 200;

    public static RouteGroupBuilder MapAnalyticsJobsApi(this RouteGroupBuilder analytics)
    {
        analytics.MapGet("/jobs", (HttpContext http, IGrainFactory grains) => Jobs(http, grains).GetJobsAsync());
        analytics.MapGet("/jobs/metrics", (HttpContext http, IGrainFactory grains) => Jobs(http, grains).GetMetricsAsync());
        analytics.MapPost("/jobs/{id}/trigger", TriggerAsync).CountsAsExpensive();
        analytics.MapPost("/jobs/stop", async (HttpContext http, IGrainFactory grains) =>
        {
            await Jobs(http, grains).StopAsync();
            return await Jobs(http, grains).GetJobsAsync();
        });
        analytics.MapPost("/jobs/restart", async (HttpContext http, IGrainFactory grains) =>
        {
            await Jobs(http, grains).RestartAsync();
            return await Jobs(http, grains).GetJobsAsync();
        });
        analytics.MapDelete("/cache", ClearAsync);
        return analytics;
    }

    private static async Task<Results<Accepted<object>, ProblemHttpResult>> TriggerAsync(string id, HttpContext http, IGrainFactory grains)
    {
        return await Jobs(http, grains).TriggerAsync(id) switch
        {
            null => Problems.NotFound($"There is no job '{id}'; there are {string.Join(", ", AnalyticsJob.All.Select(j => j.Id))}."),
            { Started: true } => TypedResults.Accepted((string?)null, (object)new { started = true }),
            var skipped => TypedResults.Accepted((string?)null, (object)new { skipped = skipped.Skipped }),
        };
    }

    private static async Task<Results<Ok<CacheCleared>, ProblemHttpResult>> ClearAsync(string? pattern, HttpContext http, IGrainFactory grains)
    {
        if (pattern is { Length: 0 or > LongestPattern })
        {
            return Problems.BadRequest($"pattern must be a glob over value keys of 1 to {LongestPattern} characters, such as 'top-items:*'; leave it out to clear every value.");
        }

        return TypedResults.Ok(new CacheCleared(await Jobs(http, grains).ClearAsync(pattern)));
    }

    private static IAnalyticsJobsGrain Jobs(HttpContext http, IGrainFactory grains) => grains.GetGrain<IAnalyticsJobsGrain>(http.User.TenantId());

    private sealed record CacheCleared(int Removed);
}
