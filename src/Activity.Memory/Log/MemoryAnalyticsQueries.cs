using Activity.Domain.Analytics;
using Activity.Domain.Dashboard;
using Activity.Grains.Analytics;

namespace Activity.Memory.Log;

/// <summary>The analytics queries over the in-memory log, by scanning (what one process holds).</summary>
internal sealed class MemoryAnalyticsQueries(MemoryTables tables) : IAnalyticsQueries
{
    public Task<IReadOnlyDictionary<DateOnly, long>> SignUpsPerMonthAsync(string tenantId, DateOnly before, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            return Task.FromResult<IReadOnlyDictionary<DateOnly, long>>(tables.Daily
                .Where(d => d.Key.Tenant == tenantId && d.Key.Day < before && string.Equals(d.Key.Type, Domain.Stats.StatsBatch.SignUp, StringComparison.OrdinalIgnoreCase))
                .GroupBy(d => AnalyticsValues.MonthOf(d.Key.Day))
                .ToDictionary(g => g.Key, g => g.Sum(d => d.Value)));
        }
    }

    public Task<IReadOnlyDictionary<DateOnly, long>> ActiveUsersPerMonthAsync(string tenantId, DateOnly from, DateOnly before, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            return Task.FromResult<IReadOnlyDictionary<DateOnly, long>>(tables.Of(tenantId)
                .Select(e => (Day: DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.ActorId))
                .Where(e => e.Day >= from && e.Day < before)
                .GroupBy(e => AnalyticsValues.MonthOf(e.Day))
                .ToDictionary(g => g.Key, g => (long)g.Select(e => e.ActorId).Distinct(StringComparer.Ordinal).Count()));
        }
    }

    public Task<IReadOnlyList<TypeDayCount>> DailyCountsAsync(string tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            return Task.FromResult<IReadOnlyList<TypeDayCount>>([.. tables.Daily
                .Where(d => d.Key.Tenant == tenantId && d.Key.Day >= from && d.Key.Day <= to && d.Value > 0)
                .Select(d => new TypeDayCount(d.Key.Day, d.Key.Type, d.Value))]);
        }
    }

    public Task<IReadOnlyList<ItemRank>> TopItemsAsync(string tenantId, int limit, DateTimeOffset? from, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            return Task.FromResult<IReadOnlyList<ItemRank>>([.. tables.Of(tenantId)
                .Where(e => e.ItemId is not null && (from is null || e.OccurredAt >= from) && (before is null || e.OccurredAt < before))
                .GroupBy(e => e.ItemId!, StringComparer.Ordinal)
                .Select(g =>
                {
                    long Count(EngagementKind kind) => g.Count(e => Engagement.KindOf(e.Type) == kind);
                    return new ItemRank(
                        g.Key,
                        Math.Max(0, Count(EngagementKind.Vote) - Count(EngagementKind.VoteRemoved)),
                        Math.Max(0, Count(EngagementKind.Comment) - Count(EngagementKind.CommentDeleted)),
                        Count(EngagementKind.View));
                })
                .Where(r => r.Votes + r.Comments + r.Views > 0)
                .OrderByDescending(r => r.Votes + r.Comments)
                .ThenBy(r => r.ItemId, StringComparer.Ordinal)
                .Take(limit)]);
        }
    }

    public Task<DateOnly?> LastActiveDayAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            return Task.FromResult(tables.Daily.Where(d => d.Key.Tenant == tenantId && d.Value > 0).Select(d => (DateOnly?)d.Key.Day).Max());
        }
    }

    public Task<IReadOnlyList<string>> ActiveTenantsAsync(DateOnly since, CancellationToken cancellationToken)
    {
        lock (tables.Gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. tables.Daily.Where(d => d.Key.Day >= since && d.Value > 0).Select(d => d.Key.Tenant).Distinct(StringComparer.Ordinal)]);
        }
    }
}
