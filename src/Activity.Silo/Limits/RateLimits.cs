using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Activity.Silo.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Limits;

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by tenant (by user for user tokens), one policy per kind of
/// route (<see cref="RateLimitOptions"/>): route groups name theirs with <c>RequireRateLimiting</c>. It
/// runs after authorization, so it knows who asks; the admin key is not limited. A refusal is a 429
/// problem with <c>Retry-After</c>.
/// </summary>
internal static class RateLimits
{
    /// <summary>Emits: a token bucket per tenant.</summary>
    public const string Emits = "emits";

    /// <summary>Reads and small writes: a token bucket per tenant key, and per user token's user.</summary>
    public const string Reads = "reads";

    /// <summary>SSE streams: open at once per tenant key, and per user token's user.</summary>
    public const string Streams = "streams";

    public static IServiceCollection AddActivityRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>>(new Grains.ProblemValidator<RateLimitOptions>(o => o.Problem()));
        services.AddSingleton<RateLimitMetrics>();
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(Emits, http => Partition(http, (limits, tenant, _) =>
                RateLimitPartition.GetTokenBucketLimiter($"e:{tenant}", _ => Bucket(limits.EmitsPerSecond, limits.EmitBurst, TimeSpan.FromSeconds(1)))));
            limiter.AddPolicy(Reads, http => Partition(http, (limits, tenant, user) =>
                IsExpensive(http) ? ExpensivePartition(limits, tenant)
                : user is null ? RateLimitPartition.GetTokenBucketLimiter($"r:{tenant}", _ => Bucket(limits.ReadsPerSecond, limits.ReadBurst, TimeSpan.FromSeconds(1)))
                : RateLimitPartition.GetTokenBucketLimiter($"u:{tenant}:{user}", _ => Bucket(limits.UserReadsPerSecond, limits.UserReadBurst, TimeSpan.FromSeconds(1)))));
            limiter.AddPolicy(Streams, http => Partition(http, (limits, tenant, user) => user is null
                ? RateLimitPartition.GetConcurrencyLimiter($"s:{tenant}", _ => Concurrency(limits.StreamsPerTenant))
                : RateLimitPartition.GetConcurrencyLimiter($"s:{tenant}:{user}", _ => Concurrency(limits.StreamsPerUser))));
        });
        return services;
    }

    /// <summary>
    /// Marks a route of the <see cref="Reads"/> policy as expensive (exports, analytics values, job
    /// triggers, report runs): it draws on the tenant's small expensive bucket instead. One policy holds
    /// both, so that every expensive route shares the one bucket.
    /// </summary>
    public static TBuilder CountsAsExpensive<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ExpensiveRoute());

    // An audit search (q) reads a whole index, so it counts as expensive too.
    private static bool IsExpensive(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ExpensiveRoute>() is not null
        || (http.Request.Path.StartsWithSegments(AuditLogPath, StringComparison.OrdinalIgnoreCase) && http.Request.Query.ContainsKey("q"));

    private const string AuditLogPath = "/api/activity/log";

    private static RateLimitPartition<string> Partition(HttpContext http, Func<RateLimitOptions, string, string?, RateLimitPartition<string>> limit)
    {
        var limits = http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        var user = http.User;
        return !limits.Enabled || user.Identity?.AuthenticationType == AccessSchemes.AdminKey || user.FindFirstValue(AccessSchemes.TenantClaim) is not { } tenant
            ? RateLimitPartition.GetNoLimiter("none")
            : limit(limits, tenant, user.FindFirstValue(AccessSchemes.UserClaim));
    }

    private static RateLimitPartition<string> ExpensivePartition(RateLimitOptions limits, string tenant) =>
        RateLimitPartition.GetTokenBucketLimiter($"x:{tenant}", _ => Bucket(1, limits.ExpensiveBurst, TimeSpan.FromMinutes(1) / limits.ExpensivePerMinute));

    private static TokenBucketRateLimiterOptions Bucket(int perPeriod, int burst, TimeSpan period) => new()
    {
        TokenLimit = Math.Max(burst, perPeriod),
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static ConcurrencyLimiterOptions Concurrency(int permits) => new() { PermitLimit = permits, QueueLimit = 0 };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 5;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var group = policy is Emits or Streams ? policy : IsExpensive(http) ? "expensive" : Reads;
        http.RequestServices.GetRequiredService<RateLimitMetrics>().Refused(group);
        var what = group switch
        {
            Emits => "emits",
            Streams => "open streams",
            "expensive" => "expensive requests (exports, audit searches, analytics values, job triggers, report runs)",
            _ => "requests",
        };
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"This {(http.User.FindFirst(AccessSchemes.UserClaim) is null ? "tenant" : "user")} reached its limit of {what} on this silo (Activity:RateLimits); retry after {seconds} s.").ExecuteAsync(http);
    }
}

/// <summary>The metadata of a route that counts as expensive (<see cref="RateLimits.CountsAsExpensive"/>).</summary>
internal sealed class ExpensiveRoute;
