using System.Runtime.CompilerServices;
using System.Text.Json;
using Activity.Domain.Analytics;
using Activity.Domain.Events;
using Activity.Grains.Export;
using Activity.Grains.Audit;

namespace Activity.Grains.Analytics.Export;

/// <summary>
/// Puts an export together for a tenant and a range: the four analytics values over the range, the raw
/// events received in it (<c>audit-log</c>, read in pages so a million events never sit in memory), or
/// all four with a summary (<c>comprehensive</c>). Writing it is <see cref="ExportWriter"/>'s.
/// </summary>
public sealed class AnalyticsExporter(IAnalyticsQueries queries, IAuditLog audit)
{
    /// <summary>How many top items and recent events an export holds.</summary>
    public const int TopItems = 50;

    /// <summary>How many of the newest events in the range <c>recent-activity</c> holds.</summary>
    public const int RecentEvents = 20;

    private const int AuditPage = 1000;

    /// <summary>The metrics an export can hold, as the API lists them.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["user-growth", "activity-trends", "top-items", "recent-activity", "audit-log", "comprehensive"];

    /// <summary>The export of <paramref name="metric"/> (one of <see cref="Metrics"/>) over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<ExportDocument> BuildAsync(string tenantId, string metric, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var range = new Range(tenantId, from, to);
        IReadOnlyList<ExportSection> sections = metric switch
        {
            "user-growth" => [ExportSection.Of(metric, await GrowthAsync(range, cancellationToken))],
            "activity-trends" => [ExportSection.Of(metric, (await TrendsAsync(range, cancellationToken)).Trends)],
            "top-items" => [ExportSection.Of(metric, await TopItemsAsync(range, cancellationToken))],
            "recent-activity" => [ExportSection.Of(metric, await RecentAsync(range, cancellationToken))],
            "audit-log" => [await AuditLogAsync(range, cancellationToken)],
            "comprehensive" => await ComprehensiveAsync(range, cancellationToken),
            _ => throw new ArgumentException($"There is no export metric '{metric}'.", nameof(metric)),
        };
        return new ExportDocument(metric, from, to, now, sections);
    }

    private async Task<IReadOnlyList<ExportSection>> ComprehensiveAsync(Range range, CancellationToken cancellationToken)
    {
        var (trends, daily) = await TrendsAsync(range, cancellationToken);
        var top = await TopItemsAsync(range, cancellationToken);
        var busiest = trends.OrderByDescending(d => d.Total).ThenBy(d => d.Date).FirstOrDefault(d => d.Total > 0);
        var summary = new ExportSummary(
            range.From,
            range.To,
            daily.Sum(d => d.Count),
            daily.Where(d => string.Equals(d.Type, Domain.Stats.StatsBatch.SignUp, StringComparison.OrdinalIgnoreCase)).Sum(d => d.Count),
            busiest?.Date,
            busiest?.Total ?? 0,
            daily.GroupBy(d => EventCatalog.Describe(d.Type).Category).OrderByDescending(g => g.Sum(d => d.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key,
            top.FirstOrDefault()?.ItemId);
        return
        [
            ExportSection.One("summary", summary),
            ExportSection.Of("user-growth", await GrowthAsync(range, cancellationToken)),
            ExportSection.Of("activity-trends", trends),
            ExportSection.Of("top-items", top),
            ExportSection.Of("recent-activity", await RecentAsync(range, cancellationToken)),
        ];
    }

    private Task<IReadOnlyList<MonthGrowth>> GrowthAsync(Range range, CancellationToken cancellationToken) =>
        queries.GrowthAsync(range.TenantId, AnalyticsValues.MonthOf(range.FirstDay), AnalyticsValues.MonthOf(range.LastDay), cancellationToken);

    private Task<(IReadOnlyList<DayTrend> Trends, IReadOnlyList<TypeDayCount> Counts)> TrendsAsync(Range range, CancellationToken cancellationToken) =>
        queries.TrendsAsync(range.TenantId, range.FirstDay, range.LastDay, cancellationToken);

    private Task<IReadOnlyList<ItemRank>> TopItemsAsync(Range range, CancellationToken cancellationToken) =>
        queries.TopItemsAsync(range.TenantId, TopItems, range.From, range.To, cancellationToken);

    private Task<IReadOnlyList<AuditEntry>> RecentAsync(Range range, CancellationToken cancellationToken) =>
        audit.ListAsync(range.TenantId, new AuditQuery(From: range.From, To: range.To, Limit: RecentEvents), cancellationToken);

    // The newest event in the range fixes where every pass starts, so the writer's two passes read the same
    // events however many arrive meanwhile.
    private async Task<ExportSection> AuditLogAsync(Range range, CancellationToken cancellationToken)
    {
        var newest = await audit.ListAsync(range.TenantId, new AuditQuery(From: range.From, To: range.To, Limit: 1), cancellationToken);
        var start = newest.Count == 0 ? 0 : newest[0].Sequence + 1;
        return new ExportSection("audit-log", pass => AuditRowsAsync(range, start, pass));
    }

    private async IAsyncEnumerable<JsonElement> AuditRowsAsync(Range range, long before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (before > 0)
        {
            var page = await audit.ListAsync(range.TenantId, new AuditQuery(From: range.From, To: range.To, Before: before, Limit: AuditPage), cancellationToken);
            foreach (var entry in page)
            {
                yield return JsonSerializer.SerializeToElement(entry, JsonSerializerOptions.Web);
            }

            before = page.Count < AuditPage ? 0 : page[^1].Sequence;
        }
    }

    private sealed record Range(string TenantId, DateTimeOffset From, DateTimeOffset To)
    {
        public DateOnly FirstDay => DateOnly.FromDateTime(From.UtcDateTime);

        // The range ends before `To`: a range to midnight ends with the day before.
        public DateOnly LastDay => DateOnly.FromDateTime(To.UtcDateTime.AddTicks(-1));
    }
}

/// <summary>The summary section of a comprehensive export.</summary>
/// <param name="From">The range's start.</param>
/// <param name="To">The range's end.</param>
/// <param name="TotalEvents">Events that occurred on the range's days.</param>
/// <param name="NewUsers">Sign-ups on those days.</param>
/// <param name="BusiestDay">The day with the most events (the earliest of equals); null when none.</param>
/// <param name="BusiestDayEvents">Its events.</param>
/// <param name="TopCategory">The catalog category with the most events.</param>
/// <param name="TopItem">The item with the most votes and comments received in the range.</param>
public sealed record ExportSummary(DateTimeOffset From, DateTimeOffset To, long TotalEvents, long NewUsers, DateOnly? BusiestDay, long BusiestDayEvents, string? TopCategory, string? TopItem);
