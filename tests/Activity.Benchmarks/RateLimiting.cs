using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Activity.Silo.Auth;

namespace Activity.Benchmarks;

/// <summary>
/// What the emit's rate limit costs a request: the partition chosen from the principal's claims (as the
/// <c>emits</c> policy does), then a permit from the tenant's token bucket, over 1,000 tenants. Compare
/// with the silo CPU of an emit (about 60 µs in tests/load/run.sh); the middleware adds a metadata lookup.
/// </summary>
internal static class RateLimiting
{
    public static void Run(int rounds)
    {
        var principals = Enumerable.Range(0, 1000)
            .Select(i => new ClaimsPrincipal(new ClaimsIdentity([new Claim(AccessSchemes.TenantClaim, $"ten_{i:D16}"), new Claim(ClaimTypes.Name, $"tenant {i}")], AccessSchemes.TenantKey)))
            .ToArray();
        using var limiter = PartitionedRateLimiter.Create<ClaimsPrincipal, string>(user =>
            user.Identity?.AuthenticationType == AccessSchemes.AdminKey || user.FindFirstValue(AccessSchemes.TenantClaim) is not { } tenant
                ? RateLimitPartition.GetNoLimiter("none")
                : RateLimitPartition.GetTokenBucketLimiter($"e:{tenant}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 1_000_000_000,
                    TokensPerPeriod = 1_000_000_000,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));

        for (var i = 0; i < 100_000; i++)
        {
            limiter.AttemptAcquire(principals[i % principals.Length]).Dispose();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var granted = 0;
        for (var i = 0; i < rounds; i++)
        {
            using var lease = limiter.AttemptAcquire(principals[i % principals.Length]);
            granted += lease.IsAcquired ? 1 : 0;
        }

        clock.Stop();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"rate limit per emit request: {clock.Elapsed.TotalNanoseconds / rounds:0} ns, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)rounds:0} B ({granted} of {rounds} granted)"));
    }
}
