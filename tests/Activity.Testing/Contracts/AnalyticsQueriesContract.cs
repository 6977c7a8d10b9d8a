using Activity.Domain.Analytics;
using Activity.Grains.Analytics;
using Activity.Grains.Ingest;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Activity.Testing.Contracts;

/// <summary>
/// What every <see cref="IAnalyticsQueries"/> must answer: for random histories (types in any case,
/// removals, items or none, a few actors over three months), the same as a recomputation from the
/// events themselves. Each case is a tenant of its own.
/// </summary>
public abstract class AnalyticsQueriesContract
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Types = ["vote", "VOTE", "vote_removed", "comment", "Comment", "comment_deleted", "view", "SIGN_UP", "sign_up", "page_view"];
    private static readonly string?[] Items = ["p1", "p2", "p3", "p4", null];

    private static readonly Gen<Step> Steps =
        from type in Gen.Elements(Types)
        from actor in Gen.Choose(1, 5)
        from item in Gen.Elements(Items)
        from hoursAgo in Gen.Choose(0, 24 * 90)
        select new Step(type, $"user-{actor}", item, Now.AddHours(-hoursAgo));

    /// <summary>The log the events go to.</summary>
    protected abstract IEventLog Log { get; }

    /// <summary>The queries under test, over <see cref="Log"/>.</summary>
    protected abstract IAnalyticsQueries Queries { get; }

    /// <summary>A new tenant, known where the store keeps tenants; its id.</summary>
    protected abstract Task<string> NewTenantAsync();

    [Property(MaxTest = 40)]
    public Property The_counts_equal_a_recomputation_from_the_events() =>
        Prop.ForAll(Steps.ListOf().ToArbitrary(), steps => CheckAsync(steps));

    private async Task CheckAsync(IList<Step> steps)
    {
        var tenant = await NewTenantAsync();
        if (steps.Count > 0)
        {
            await Log.AppendAsync([.. steps.Select(s => new NewEvent(tenant, Guid.CreateVersion7(), s.Type, s.Actor, s.Item, "owner", s.At, Now, null, null))], TimeSpan.FromDays(1), default);
        }

        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var from = new DateOnly(2026, 1, 1);
        var day = (Step s) => DateOnly.FromDateTime(s.At.UtcDateTime);
        var month = (Step s) => AnalyticsValues.MonthOf(day(s));

        var signUps = steps.Where(s => s.Type.Equals("sign_up", StringComparison.OrdinalIgnoreCase)).GroupBy(month).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(signUps.OrderBy(p => p.Key), (await Queries.SignUpsPerMonthAsync(tenant, today.AddDays(1), default)).OrderBy(p => p.Key));

        var active = steps.Where(s => day(s) >= from).GroupBy(month).ToDictionary(g => g.Key, g => (long)g.Select(s => s.Actor).Distinct().Count());
        Assert.Equal(active.OrderBy(p => p.Key), (await Queries.ActiveUsersPerMonthAsync(tenant, from, today.AddDays(1), default)).OrderBy(p => p.Key));

        var daily = steps.Where(s => day(s) >= from).GroupBy(s => (Day: day(s), s.Type)).Select(g => new TypeDayCount(g.Key.Day, g.Key.Type, g.Count()));
        Assert.Equal(Sorted(daily), Sorted(await Queries.DailyCountsAsync(tenant, from, today, default)));

        Assert.Equal(TopItems(steps, 3, null), await Queries.TopItemsAsync(tenant, 3, null, null, default));
        var since = Now.AddDays(-30);
        Assert.Equal(TopItems(steps, 10, since), await Queries.TopItemsAsync(tenant, 10, since, Now.AddHours(1), default));

        var last = steps.Count == 0 ? (DateOnly?)null : steps.Max(day);
        Assert.Equal(last, await Queries.LastActiveDayAsync(tenant, default));
        Assert.Equal(steps.Any(s => day(s) >= today.AddDays(-7)), (await Queries.ActiveTenantsAsync(today.AddDays(-7), default)).Contains(tenant));
    }

    private static List<TypeDayCount> Sorted(IEnumerable<TypeDayCount> counts) =>
        [.. counts.OrderBy(c => c.Day).ThenBy(c => c.Type, StringComparer.Ordinal)];

    private static List<ItemRank> TopItems(IEnumerable<Step> steps, int limit, DateTimeOffset? since)
    {
        long Count(IEnumerable<Step> of, string type) => of.Count(s => s.Type.Equals(type, StringComparison.OrdinalIgnoreCase));
        return [.. steps
            .Where(s => s.Item is not null && (since is null || s.At >= since))
            .GroupBy(s => s.Item!)
            .Select(g => new ItemRank(g.Key, Math.Max(0, Count(g, "vote") - Count(g, "vote_removed")), Math.Max(0, Count(g, "comment") - Count(g, "comment_deleted")), Count(g, "view")))
            .Where(r => r.Votes + r.Comments + r.Views > 0)
            .OrderByDescending(r => r.Votes + r.Comments)
            .ThenBy(r => r.ItemId, StringComparer.Ordinal)
            .Take(limit)];
    }

    /// <summary>One event of a random history.</summary>
    public sealed record Step(string Type, string Actor, string? Item, DateTimeOffset At);
}
