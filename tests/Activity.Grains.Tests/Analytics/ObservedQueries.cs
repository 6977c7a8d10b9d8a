using System.Threading.Channels;
using Activity.Domain.Analytics;
using Activity.Grains.Analytics;

namespace Activity.Grains.Tests.Analytics;

/// <summary>
/// The memory log's analytics queries, telling the test each value query once it answered
/// (<c>sign-ups</c>, <c>active-users</c>, <c>daily:7</c>, <c>top-items:10</c>), and able to hold or fail one first.
/// </summary>
internal sealed class ObservedQueries(IAnalyticsQueries inner) : IAnalyticsQueries
{
    /// <summary>Each value query, once answered.</summary>
    public Channel<string> Answered { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Runs before a value query (by name): hold it on a gate, or throw.</summary>
    public Func<string, Task>? Before { get; set; }

    public Task<IReadOnlyDictionary<DateOnly, long>> SignUpsPerMonthAsync(string tenantId, DateOnly before, CancellationToken cancellationToken) =>
        ObserveAsync("sign-ups", () => inner.SignUpsPerMonthAsync(tenantId, before, cancellationToken));

    public Task<IReadOnlyDictionary<DateOnly, long>> ActiveUsersPerMonthAsync(string tenantId, DateOnly from, DateOnly before, CancellationToken cancellationToken) =>
        ObserveAsync("active-users", () => inner.ActiveUsersPerMonthAsync(tenantId, from, before, cancellationToken));

    public Task<IReadOnlyList<TypeDayCount>> DailyCountsAsync(string tenantId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ObserveAsync($"daily:{to.DayNumber - from.DayNumber + 1}", () => inner.DailyCountsAsync(tenantId, from, to, cancellationToken));

    public Task<IReadOnlyList<ItemRank>> TopItemsAsync(string tenantId, int limit, DateTimeOffset? from, DateTimeOffset? before, CancellationToken cancellationToken) =>
        ObserveAsync($"top-items:{limit}", () => inner.TopItemsAsync(tenantId, limit, from, before, cancellationToken));

    public Task<DateOnly?> LastActiveDayAsync(string tenantId, CancellationToken cancellationToken) =>
        inner.LastActiveDayAsync(tenantId, cancellationToken);

    public Task<IReadOnlyList<string>> ActiveTenantsAsync(DateOnly since, CancellationToken cancellationToken) =>
        inner.ActiveTenantsAsync(since, cancellationToken);

    /// <summary>The next <paramref name="count"/> answered queries, sorted.</summary>
    public async Task<string[]> NextAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = await Answered.Reader.ReadAsync(timeout.Token);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    private async Task<T> ObserveAsync<T>(string name, Func<Task<T>> query)
    {
        if (Before is { } before)
        {
            await before(name);
        }

        var result = await query();
        Answered.Writer.TryWrite(name);
        return result;
    }
}
