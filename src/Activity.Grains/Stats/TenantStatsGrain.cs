using Activity.Abstractions.Stats;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Activity.Grains.Stats;

/// <summary>
/// Reads a tenant's four statistics sections at once, each on its own: one that fails (its grain cannot
/// activate, its storage is unreadable, the call times out) reads as zeros and is named in the errors,
/// as the product's reference settles its four queries. Holds nothing, so it runs on every silo.
/// </summary>
[GrainType("tenant-stats")]
[StatelessWorker]
internal sealed partial class TenantStatsGrain(ILogger<TenantStatsGrain> logger) : Grain, ITenantStatsGrain
{
    public async Task<TenantStats> GetAsync()
    {
        var tenantId = this.GetPrimaryKeyString();
        var reads = await Task.WhenAll(StatsSections.All.Select(section => ReadAsync(tenantId, section)));
        var errors = reads.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        var parts = reads.Select(r => r.Read).ToList();
        return new TenantStats(
            parts.Select(p => p?.Users).OfType<UsersStats>().FirstOrDefault() ?? new UsersStats(0, 0, 0, 0, 0),
            parts.Select(p => p?.Submissions).OfType<SubmissionsStats>().FirstOrDefault() ?? new SubmissionsStats(0, 0, 0, 0),
            parts.Select(p => p?.Activity).OfType<ActivityStats>().FirstOrDefault() ?? new ActivityStats(0, 0, 0),
            parts.Select(p => p?.Newsletter).OfType<NewsletterStats>().FirstOrDefault() ?? new NewsletterStats(0, 0, 0),
            errors);
    }

    private async Task<(StatsSectionRead? Read, StatsError? Error)> ReadAsync(string tenantId, StatsSection section)
    {
        try
        {
            return (await GrainFactory.GetGrain<IStatsSectionGrain>(StatsSections.Key(tenantId, section)).ReadAsync(), null);
        }
        catch (Exception exception)
        {
            LogSectionFailed(logger, exception, section.Name(), tenantId);
            return (null, new StatsError(section.Name(), $"The {section.Name()} section could not be read ({exception.GetType().Name}); it shows zeros, the other sections are current. The silo log has the details; retry later."));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the {Section} statistics of tenant {TenantId} failed; the section answers zeros with an error")]
    private static partial void LogSectionFailed(ILogger logger, Exception exception, string section, string tenantId);
}
