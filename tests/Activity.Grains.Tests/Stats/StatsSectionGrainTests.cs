using Activity.Domain.Feed;
using Activity.Domain.Stats;
using Activity.Grains.Ingest;
using Activity.Grains.Stats;
using Activity.Memory.Log;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Stats;

/// <summary>When a statistics section reads the log: for what the router's ranges do not give it.</summary>
public sealed class StatsSectionGrainTests
{
    private const string Tenant = "ten_stats00000000000";

    [Fact]
    public async Task A_new_tenants_section_counts_the_routers_first_range_without_reading_the_log()
    {
        var log = new ReadFailingLog(new MemoryEventLog());
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        var events = await AppendSubmissionsAsync(log, 3);
        var section = cluster.Grains.GetGrain<IStatsSectionGrain>(StatsSections.Key(Tenant, StatsSection.Submissions));

        // Reads of the log fail: the range from the log's start is all the section needs.
        log.FailReads = true;
        await section.AppendedAsync(StatsBatch.Of(1, 3, events), []);
        log.FailReads = false;

        Assert.Equal(3, (await section.ReadAsync()).Submissions!.TotalSubmissions);
    }

    [Fact]
    public async Task A_section_asked_before_any_range_reads_the_log_first()
    {
        var log = new ReadFailingLog(new MemoryEventLog());
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<IEventLog>(log));
        await AppendSubmissionsAsync(log, 2);

        var read = await cluster.Grains.GetGrain<IStatsSectionGrain>(StatsSections.Key(Tenant, StatsSection.Submissions)).ReadAsync();

        Assert.Equal(2, read.Submissions!.TotalSubmissions);
    }

    private static async Task<IReadOnlyList<LoggedEvent>> AppendSubmissionsAsync(IEventLog log, int count)
    {
        var now = ActivityCluster.NewClock().GetUtcNow();
        await log.AppendAsync([.. Enumerable.Range(1, count).Select(i => new NewEvent(Tenant, Guid.CreateVersion7(), "submission", $"user-{i}", $"p{i}", null, now, now, null, null))], TimeSpan.FromDays(1), default);
        return await log.ReadAsync(Tenant, 0, count, count, default);
    }

    // Appends and reads go to the memory log, unless reads are told to fail.
    private sealed class ReadFailingLog(IEventLog log) : InterceptedEventLog(log), IEventLog
    {
        public bool FailReads { get; set; }

        public override Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken) =>
            Log.AppendAsync(events, idempotencyWindow, cancellationToken);

        Task<IReadOnlyList<LoggedEvent>> IEventLog.ReadAsync(string tenantId, long after, long upTo, int max, CancellationToken cancellationToken) =>
            FailReads ? throw new InvalidOperationException("the test's log refuses reads") : Log.ReadAsync(tenantId, after, upTo, max, cancellationToken);
    }
}
