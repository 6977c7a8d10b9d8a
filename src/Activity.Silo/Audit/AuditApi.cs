using System.Globalization;
using Activity.Domain.Time;
using Activity.Grains.Audit;
using Activity.Grains.Ingest;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Audit;

/// <summary>
/// The audit log (<c>/api/activity/log</c>, tenant API key): the tenant's raw events newest first, with
/// filters, full-text search and cursor paging, and per-day counts by type (<c>/log/summary</c>). The same
/// routes under <c>/api/admin/activity/log</c> take the admin key naming the tenant (<c>?tenantId=</c>).
/// </summary>
internal static class AuditApi
{
    /// <summary>Entries per page when none is asked for.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 200;

    /// <summary>The longest summary range, in days.</summary>
    public const int MaxSummaryDays = 366;

    /// <summary>The summary's range when none is given: the last 30 days.</summary>
    public const int DefaultSummaryDays = 30;

    private const int MaxSearchLength = 200;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        MapLog(endpoints.MapGroup("/api/activity/log").RequireAuthorization(AccessPolicies.TenantKey).RequireRateLimiting(Limits.RateLimits.Reads).WithTags("Audit log"));
        MapLog(endpoints.MapGroup("/api/admin/activity/log").RequireAuthorization(AccessPolicies.AdminForTenant).WithTags("Admin"));
        return endpoints;
    }

    private static void MapLog(RouteGroupBuilder log)
    {
        log.MapGet("/", ListAsync);
        log.MapGet("/summary", SummaryAsync);
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ListAsync(
        HttpContext http, IAuditLog log, CancellationToken cancellationToken,
        string? type, string? actorId, string? itemId, string? status, string? environment, string? q, string? from, string? to, string? cursor, string? limit)
    {
        var problems = new List<string>();
        Text(problems, "type", type, EventRules.MaxTypeLength);
        Text(problems, "actorId", actorId, EventRules.MaxIdLength);
        Text(problems, "itemId", itemId, EventRules.MaxIdLength);
        Text(problems, "status", status, AuditFields.MaxStatusLength);
        Text(problems, "environment", environment, AuditFields.MaxEnvironmentLength);
        Text(problems, "q", q, MaxSearchLength);
        var start = Instant(problems, "from", from, endOfDay: false);
        var end = Instant(problems, "to", to, endOfDay: true);
        if (start > end)
        {
            problems.Add($"from ({from}) is after to ({to}); swap them.");
        }

        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            problems.Add($"limit must be a whole number from 1 to {MaxLimit} (got '{limit}').");
        }

        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (PageCursor.TryDecode(cursor, out var position))
            {
                before = position;
            }
            else
            {
                problems.Add("cursor is not one this API gave out; pass the nextCursor of the previous page, or leave it out for the first page.");
            }
        }

        if (problems.Count > 0)
        {
            return Problems.BadRequest(string.Join(" ", problems));
        }

        var query = new AuditQuery(Blank(type), Blank(actorId), Blank(itemId), Blank(status), Blank(environment), Blank(q), start, end, before, size + 1);
        var entries = await log.ListAsync(http.User.TenantId(), query, cancellationToken);
        var next = entries.Count > size ? PageCursor.Encode(entries[size - 1].Sequence) : null;
        return TypedResults.Ok(new AuditPage([.. entries.Take(size)], next));
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditDayCount>>, ProblemHttpResult>> SummaryAsync(
        HttpContext http, IAuditLog log, TimeProvider timeProvider, CancellationToken cancellationToken, string? from, string? to, string? type)
    {
        var problems = new List<string>();
        Text(problems, "type", type, EventRules.MaxTypeLength);
        var today = Weekday.UtcDateOf(timeProvider.GetUtcNow());
        var last = Instant(problems, "to", to, endOfDay: false) is { } end ? Weekday.UtcDateOf(end) : today;
        var first = Instant(problems, "from", from, endOfDay: false) is { } start ? Weekday.UtcDateOf(start) : last.AddDays(1 - DefaultSummaryDays);
        if (problems.Count == 0 && first > last)
        {
            problems.Add($"from ({first:yyyy-MM-dd}) is after to ({last:yyyy-MM-dd}); swap them.");
        }
        else if (problems.Count == 0 && last.DayNumber - first.DayNumber >= MaxSummaryDays)
        {
            problems.Add($"The range {first:yyyy-MM-dd} to {last:yyyy-MM-dd} is longer than {MaxSummaryDays} days; ask for a shorter one.");
        }

        if (problems.Count > 0)
        {
            return Problems.BadRequest(string.Join(" ", problems));
        }

        return TypedResults.Ok(await log.SummaryAsync(http.User.TenantId(), first, last, Blank(type), cancellationToken));
    }

    private static void Text(List<string> problems, string name, string? value, int maxLength)
    {
        if (value is { Length: > 0 } && value.Length > maxLength)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} is at most {maxLength} characters (got {value.Length})."));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // An ISO 8601 instant, or a date: a date starts at 00:00 UTC, or, as an end, includes its whole day.
    private static DateTimeOffset? Instant(List<string> problems, string name, string? text, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1) : midnight;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) && text.Contains('T', StringComparison.Ordinal))
        {
            return instant;
        }

        problems.Add($"{name} must be a date (2026-11-30) or an ISO 8601 time (2026-11-30T09:00:00Z); got '{text}'.");
        return null;
    }

    /// <summary>One page of the audit log, newest first.</summary>
    /// <param name="Entries">The events.</param>
    /// <param name="NextCursor">The cursor of the next (older) page, or null at the end.</param>
    internal sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? NextCursor);
}
