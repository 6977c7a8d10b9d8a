using System.Text.Json;
using Activity.Grains.Audit;
using Activity.Grains.Ingest;

namespace Activity.Testing.Contracts;

/// <summary>What every <see cref="IAuditLog"/> must do, over the log it reads (<see cref="Log"/>).</summary>
public abstract class AuditLogContract
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly string _tenant = "ten_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The event log the audit log reads.</summary>
    protected abstract IEventLog Log { get; }

    /// <summary>The audit log under test.</summary>
    protected abstract IAuditLog Audit { get; }

    [Fact]
    public async Task Entries_come_newest_first_with_every_field_as_sent()
    {
        var signIn = Event("SIGN_IN", "ann", audit: new AuditFields("success", "production", "req-1", "2001:db8::1", "Signed in with a passkey"))
            with { Payload = JsonDocument.Parse("""{"method":"passkey"}""").RootElement.Clone() };
        await AppendAsync(Event("page_view", "bob"), signIn);

        var entries = await Audit.ListAsync(_tenant, new AuditQuery(), default);

        Assert.Equal(["SIGN_IN", "page_view"], entries.Select(e => e.Type));
        var first = entries[0];
        Assert.Equal((signIn.Id, "ann", "success", "production", "req-1", "2001:db8::1", "Signed in with a passkey"), (first.Id, first.ActorId, first.Status, first.Environment, first.RequestId, first.IpAddress, first.Details));
        Assert.Equal("passkey", first.Payload!.Value.GetProperty("method").GetString());
        Assert.Equal(Nine, first.OccurredAt);
    }

    [Fact]
    public async Task Each_filter_keeps_only_the_events_that_match_it()
    {
        // Receive times grow with the log, as the ingestor stamps them.
        await AppendAsync(Event("page_view", "cat") with { ReceivedAt = Nine.AddDays(-3) });
        await AppendAsync(
            Event("deployment", "ann", "svc-1", new AuditFields("success", "production", null, null, null)),
            Event("deployment", "bob", "svc-2", new AuditFields("failed", "staging", null, null, null)),
            Event("endpoints_added", "ann", "svc-1", new AuditFields("success", "staging", null, null, null)));

        Assert.Equal(2, await CountAsync(new AuditQuery(Type: "deployment")));
        Assert.Equal(2, await CountAsync(new AuditQuery(ActorId: "ann")));
        Assert.Equal(2, await CountAsync(new AuditQuery(ItemId: "svc-1")));
        Assert.Equal(2, await CountAsync(new AuditQuery(Status: "success")));
        Assert.Equal(1, await CountAsync(new AuditQuery(Environment: "staging", Status: "failed")));
        Assert.Equal(1, await CountAsync(new AuditQuery(To: Nine.AddDays(-1))));
        Assert.Equal(3, await CountAsync(new AuditQuery(From: Nine, To: Nine.AddSeconds(1))));
        Assert.Equal(0, await CountAsync(new AuditQuery(Type: "deployment", ActorId: "cat")));
    }

    [Fact]
    public async Task Search_finds_words_of_the_type_the_details_and_the_payload()
    {
        await AppendAsync(
            Event("endpoints_added", "ann"),
            Event("deployment", "ann", audit: new AuditFields(null, null, null, null, "Rolled back after errors")),
            Event("project_created", "bob") with { Payload = JsonDocument.Parse("""{"projectName":"Orion","tables":42}""").RootElement.Clone() });

        Assert.Equal(["endpoints_added"], await TypesAsync(new AuditQuery(Search: "endpoints")));
        Assert.Equal(["deployment"], await TypesAsync(new AuditQuery(Search: "rolled errors")));
        Assert.Equal(["project_created"], await TypesAsync(new AuditQuery(Search: "orion")));
        Assert.Equal(["project_created"], await TypesAsync(new AuditQuery(Search: "42")));
        Assert.Empty(await TypesAsync(new AuditQuery(Search: "rolled orion")));
    }

    [Fact]
    public async Task Pages_continue_below_the_cursor_without_repeats()
    {
        await AppendAsync([.. Enumerable.Range(0, 5).Select(i => Event($"t{i}", "ann"))]);

        var first = await Audit.ListAsync(_tenant, new AuditQuery(Limit: 2), default);
        var second = await Audit.ListAsync(_tenant, new AuditQuery(Before: first[^1].Sequence, Limit: 2), default);
        var third = await Audit.ListAsync(_tenant, new AuditQuery(Before: second[^1].Sequence, Limit: 2), default);

        Assert.Equal(["t4", "t3", "t2", "t1", "t0"], first.Concat(second).Concat(third).Select(e => e.Type));
    }

    [Fact]
    public async Task The_summary_counts_each_type_per_day_of_occurrence_newest_day_first()
    {
        await AppendAsync(
            Event("endpoints_added", "ann"),
            Event("endpoints_added", "bob"),
            Event("deployment", "ann"),
            Event("endpoints_added", "ann") with { OccurredAt = Nine.AddDays(-1) },
            Event("endpoints_added", "ann") with { OccurredAt = Nine.AddDays(-40) });
        await AppendAsync(Event("endpoints_added", "cat"));

        var today = DateOnly.FromDateTime(Nine.UtcDateTime);
        var summary = await Audit.SummaryAsync(_tenant, today.AddDays(-30), today, null, default);

        Assert.Equal(
            [new AuditDayCount(today, "deployment", 1), new AuditDayCount(today, "endpoints_added", 3), new AuditDayCount(today.AddDays(-1), "endpoints_added", 1)],
            summary);
        Assert.Single(await Audit.SummaryAsync(_tenant, today, today, "deployment", default));
    }

    [Fact]
    public async Task A_tenant_reads_only_its_own_entries()
    {
        await AppendAsync(Event("vote", "ann"));

        Assert.Empty(await Audit.ListAsync("ten_someoneelse00", new AuditQuery(), default));
        Assert.Empty(await Audit.SummaryAsync("ten_someoneelse00", DateOnly.MinValue, DateOnly.MaxValue, null, default));
    }

    private async Task<int> CountAsync(AuditQuery query) => (await Audit.ListAsync(_tenant, query, default)).Count;

    private async Task<IEnumerable<string>> TypesAsync(AuditQuery query) => (await Audit.ListAsync(_tenant, query, default)).Select(e => e.Type);

    private Task AppendAsync(params NewEvent[] events) => Log.AppendAsync(events, TimeSpan.FromDays(1), default);

    private NewEvent Event(string type, string actor, string? item = null, AuditFields? audit = null) =>
        new(_tenant, Guid.CreateVersion7(), type, actor, item, null, Nine, Nine, null, null, audit);
}
